"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";

export interface Tab {
  href: string;
  label: string;
  /** Whether the tab is the current page; default: the path is the tab's or below it. */
  current?: (pathname: string) => boolean;
}

/** Tabs of a section (Review, Settings): links, the current one marked for assistive technology too. */
export function TabNav({ label, tabs, className }: { label: string; tabs: readonly Tab[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cn("flex gap-1 overflow-x-auto border-b border-slate-200", className)}>
      {tabs.map((tab) => {
        const active = tab.current ? tab.current(pathname) : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap", active ? "border-brand font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
