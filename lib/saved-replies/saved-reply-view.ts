// A saved reply as the API and the composer see it.
import type { SavedReplyOption } from "./render-saved-reply";

export interface SavedReplyView extends SavedReplyOption {
  createdBy: { id: string; name: string } | null;
  updatedAt: string;
}

export const savedReplySelect = {
  id: true,
  name: true,
  shortcut: true,
  text: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  channels: { select: { channelId: true } },
} as const;

export function toSavedReplyView(row: {
  id: string;
  name: string;
  shortcut: string;
  text: string;
  updatedAt: Date;
  createdBy: { id: string; name: string } | null;
  channels: { channelId: string }[];
}): SavedReplyView {
  return {
    id: row.id,
    name: row.name,
    shortcut: row.shortcut,
    text: row.text,
    channelIds: row.channels.map((c) => c.channelId).sort(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
