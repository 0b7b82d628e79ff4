import Link from "next/link";
import { signOut } from "@/lib/auth/auth";
import type { SessionAgent } from "@/lib/auth/session";
import { AdminBell } from "./admin-bell";
import { getAvailability } from "@/lib/assignment/set-availability";
import { AvailabilitySelect } from "./availability-select";
import { MentionsBell } from "./mentions-bell";
import { NavLink } from "./nav-link";
import { ROLE_LABELS } from "@/lib/validations/agents";

export async function AppHeader({ agent }: { agent: SessionAgent }) {
  const availability = await getAvailability(agent);
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/login" });
  }
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:gap-6 sm:px-4">
      <Link href="/inbox" className="flex items-center gap-2 font-semibold text-slate-900">
        <span className="flex size-7 items-center justify-center rounded-md bg-brand text-white">
          <svg viewBox="0 0 24 24" className="size-4" fill="currentColor" aria-hidden="true">
            <path d="M4 7.5C4 5.6 5.6 4 7.5 4h9C18.4 4 20 5.6 20 7.5v6c0 1.9-1.6 3.5-3.5 3.5H11l-4.5 3.5V17C5 16.6 4 15.2 4 13.5z" />
          </svg>
        </span>
        <span className="sr-only sm:not-sr-only">Inbox</span>
      </Link>
      {/* Phones: the links scroll sideways rather than push the page wider than the screen. */}
      <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto text-sm">
        <NavLink href="/inbox">Conversations</NavLink>
        <NavLink href="/comments">Comments</NavLink>
        {agent.role !== "AGENT" ? <NavLink href="/review">Review</NavLink> : null}
        {agent.role !== "AGENT" ? <NavLink href="/admin">Settings</NavLink> : null}
      </nav>
      <div className="ml-auto flex shrink-0 items-center gap-3 text-sm">
        <MentionsBell />
        {agent.role === "ADMIN" ? <AdminBell /> : null}
        <AvailabilitySelect initial={availability} />
        <span className="hidden text-slate-600 md:inline">
          <span className="font-medium text-slate-900">{agent.name}</span>
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{ROLE_LABELS[agent.role]}</span>
        </span>
        <form action={signOutAction}>
          <button type="submit" className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
