"use client";

// An image of the thread, shown large in a dialog (Esc or the button closes it), with a link to the original.
// Meta's CDN URLs expire and must not go through an optimiser: plain <img> elements.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { ExternalLink } from "./external-link";

export function ViewableImage({ src, href, alt, className }: { src: string; href: string | null; alt: string; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} title="View larger" className="block cursor-zoom-in rounded-lg focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={src} alt={alt} loading="lazy" className={className} />
      </button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={alt} className="w-auto max-w-[calc(100vw-2rem)] sm:max-w-[min(64rem,calc(100vw-4rem))]">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={src} alt={alt} className={cn("mx-auto max-h-[75vh] max-w-full rounded-md object-contain")} />
        <div className="flex items-center justify-end gap-2">
          {href ? (
            <ExternalLink href={href} className="text-sm text-brand underline-offset-2 hover:underline">
              Open the original
            </ExternalLink>
          ) : null}
          <Button variant="secondary" size="sm" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </ModalDialog>
    </>
  );
}
