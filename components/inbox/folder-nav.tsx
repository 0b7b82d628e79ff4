"use client";

import type { MouseEvent, ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { FolderCounts } from "@/lib/conversations/count-unread-by-folder";
import { folderBadge } from "@/lib/conversations/folder-badge";
import { FOLDER_DESCRIPTION, FOLDER_LABEL, INBOX_FOLDERS, type InboxFolder } from "@/lib/conversations/inbox-folders";
import { inboxViewSearch, type InboxViewState } from "@/lib/conversations/inbox-view";
import { BanIcon, CheckCircleIcon, HourglassIcon, InboxIcon, MoonIcon, UserIcon, UsersIcon } from "./icons";

const FOLDER_ICON: Record<InboxFolder, (p: { className?: string }) => ReactNode> = {
  mine: UserIcon,
  unassigned: InboxIcon,
  all: UsersIcon,
  expiring: HourglassIcon,
  closing: HourglassIcon,
  closed: BanIcon,
  snoozed: MoonIcon,
  resolved: CheckCircleIcon,
};

/** Folders as real links (open in a new tab works); a plain click only rewrites the URL. */
export function FolderNav({
  view,
  counts,
  onSelect,
}: {
  view: InboxViewState;
  counts: FolderCounts | undefined;
  onSelect: (folder: InboxFolder) => void;
}) {
  const follow = (folder: InboxFolder) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    onSelect(folder);
  };
  return (
    <nav aria-label="Folders" className="flex flex-col gap-0.5 p-2">
      {INBOX_FOLDERS.map((folder, i) => {
        const Icon = FOLDER_ICON[folder];
        const active = view.folder === folder;
        const badge = folderBadge(folder, counts);
        return (
          <div key={folder}>
            {i === 3 ? <div className="mx-2 my-2 border-t border-slate-200" role="presentation" /> : null}
            {i === 5 ? <div className="mx-2 my-2 border-t border-slate-200" role="presentation" /> : null}
            <a
              href={`/inbox${inboxViewSearch({ ...view, folder })}`}
              onClick={follow(folder)}
              aria-current={active ? "page" : undefined}
              title={FOLDER_DESCRIPTION[folder]}
              className={cn(
                "flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm",
                active ? "bg-brand-soft font-medium text-brand-strong" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              <Icon className={cn("size-4 shrink-0", active ? "text-brand" : "text-slate-500", folder === "expiring" && !active ? "text-window-human" : "")} />
              <span className="flex-1 truncate">{FOLDER_LABEL[folder]}</span>
              {badge ? (
                <span
                  title={badge.meaning}
                  data-folder-badge={folder}
                  className={cn(
                    "min-w-5 rounded-full px-1.5 text-center text-xs font-semibold tabular-nums",
                    active ? "bg-brand text-white" : folder === "expiring" ? "bg-window-urgent-soft text-red-800" : "bg-slate-200 text-slate-700",
                  )}
                >
                  <span aria-hidden="true">{badge.count > 999 ? "999+" : badge.count}</span>
                  <span className="sr-only"> {badge.meaning}</span>
                </span>
              ) : null}
            </a>
          </div>
        );
      })}
    </nav>
  );
}
