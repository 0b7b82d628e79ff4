"use client";

import { TabNav, type Tab } from "@/components/ui/tab-nav";

const TABS: Tab[] = [
  { href: "/review", label: "Conversations", current: (p) => p === "/review" || p.startsWith("/review/conversations") },
  { href: "/review/comments", label: "Comments" },
  { href: "/review/reports", label: "Reports" },
];

export function ReviewTabs() {
  return <TabNav label="Review" tabs={TABS} />;
}
