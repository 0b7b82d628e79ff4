"use client";

// Above the composer: what is wrong with the channel a reply would go out through (token refused by Meta,
// permissions missing, channel disconnected). The inbox's channel list is live (realtime `channel.updated`),
// so the banner appears and goes away while the composer is open.
import { cn } from "@/components/ui/cn";
import { channelNotice, type ChannelSendState } from "@/lib/messages/send-state";
import { AlertIcon } from "./icons";

export function ChannelStatusBanner({ channel }: { channel: ChannelSendState | null }) {
  const notice = channelNotice(channel);
  if (!notice) return null;
  return (
    <div
      role="alert"
      data-channel-notice={notice.tone}
      className={cn(
        "mb-2 flex items-start gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-inset",
        notice.tone === "danger" ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-950 ring-amber-300",
      )}
    >
      <AlertIcon className={cn("mt-0.5 size-4 shrink-0", notice.tone === "danger" ? "text-red-700" : "text-amber-700")} />
      <p>
        <span className="font-semibold">{notice.title}.</span> {notice.detail}
      </p>
    </div>
  );
}
