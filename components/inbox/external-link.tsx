// Customer-provided addresses, rendered safely (lib/messages/safe-links.ts): an anchor for http(s) only,
// opened in a new tab without a window.opener; anything else is inert text.
import type { ReactNode } from "react";
import { linkifyText, safeHttpUrl } from "@/lib/messages/safe-links";

export function ExternalLink({ href, className, children }: { href: string | null | undefined; className?: string; children: ReactNode }) {
  const safe = safeHttpUrl(href);
  if (!safe) {
    return (
      <span className={className} data-unsafe-link="" title="Not opened: this is not a web address">
        {children}
      </span>
    );
  }
  return (
    <a href={safe} target="_blank" rel="noreferrer noopener nofollow" className={className}>
      {children}
    </a>
  );
}

/** Message text with its web addresses as links. */
export function LinkedText({ text, linkClassName }: { text: string; linkClassName?: string }) {
  return (
    <>
      {linkifyText(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} target="_blank" rel="noreferrer noopener nofollow" className={linkClassName ?? "underline underline-offset-2"}>
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
