"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/review", label: "Conversations", active: (p: string) => p === "/review" || p.startsWith("/review/conversations") },
  { href: "/review/comments", label: "Comments", active: (p: string) => p.startsWith("/review/comments") },
  { href: "/review/reports", label: "Reports", active: (p: string) => p.startsWith("/review/reports") },
];

export function ReviewTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Review" className="flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const active = tab.active(pathname);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm", active ? "border-brand font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
