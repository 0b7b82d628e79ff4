import type { ReactNode } from "react";
import { ReviewTabs } from "@/components/review/review-tabs";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";

// Managers and admins only (agents get the 403 page). Each page checks again: a layout is not re-rendered
// on every navigation, so it cannot be the only guard.
export default async function ReviewLayout({ children }: { children: ReactNode }) {
  await requirePageAgent(MANAGERS);
  return (
    <main className="mx-auto max-w-6xl space-y-5 px-4 py-6">
      <div className="space-y-3">
        <div>
          <h1 className="text-lg font-semibold">Review</h1>
          <p className="text-sm text-slate-600">How every channel&apos;s conversations were answered within Meta&apos;s messaging window. Read-only.</p>
        </div>
        <ReviewTabs />
      </div>
      {children}
    </main>
  );
}
