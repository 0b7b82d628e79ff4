import { cn } from "@/components/ui/cn";
import type { Platform } from "@/lib/policy/window-policy";
import { InstagramIcon, MessengerIcon } from "./icons";

const PALETTE = ["bg-sky-100 text-sky-800", "bg-violet-100 text-violet-800", "bg-emerald-100 text-emerald-800", "bg-rose-100 text-rose-800", "bg-amber-100 text-amber-900", "bg-teal-100 text-teal-800", "bg-indigo-100 text-indigo-800", "bg-orange-100 text-orange-800"];

function initials(name: string): string {
  const words = name.replace(/^@/, "").split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [words[0]?.[0], words[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

function paletteOf(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

export const PLATFORM_LABEL: Record<Platform, string> = { MESSENGER: "Messenger", INSTAGRAM: "Instagram" };

export function PlatformIcon({ platform, className }: { platform: Platform; className?: string }) {
  return platform === "INSTAGRAM" ? <InstagramIcon className={cn("text-pink-600", className)} /> : <MessengerIcon className={cn("text-blue-600", className)} />;
}

/** The person's initials (their picture is a Meta CDN URL that expires, so it is not relied on), with the platform's mark. */
export function ContactAvatar({ id, name, platform, size = "md" }: { id: string; name: string; platform: Platform; size?: "md" | "lg" }) {
  return (
    <span className="relative inline-flex shrink-0 self-start" aria-hidden="true">
      <span
        className={cn(
          "flex items-center justify-center rounded-full font-semibold",
          size === "lg" ? "size-14 text-lg" : "size-10 text-sm",
          paletteOf(id),
        )}
      >
        {initials(name)}
      </span>
      <span className={cn("absolute flex items-center justify-center rounded-full bg-white ring-2 ring-white", size === "lg" ? "-right-1 -bottom-1 size-5" : "-right-1.5 -bottom-1.5 size-4")}>
        <PlatformIcon platform={platform} className={size === "lg" ? "size-4" : "size-3"} />
      </span>
    </span>
  );
}
