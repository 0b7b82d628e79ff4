// What the snooze dialog offers, in the account's time zone, measured against the conversation's window so
// that a snooze never carries a conversation past its last possible reply without saying so.
//
//   closesAt   the last moment any reply can go out (the policy's deadline: 7 days minus our margin on a
//              channel with Meta's Human Agent feature, 24 hours minus the margin without it); null when
//              no reply is possible now (closed, or the person never wrote)
//   presets    in 1 h, in 3 h, tomorrow 09:00, next Monday 09:00 (wall times of the account's zone), and
//              "1 h before the window closes" while that is still ahead; each says whether it ends after
//              the window closes
//
// Pure: no I/O, no clock of its own.
import { decideWindow, HOUR_MS, type Platform, type WindowOpener } from "@/lib/policy/window-policy";
import { addDays, localDateOf, zonedTimeToUtc, zoneOffsetMs } from "@/lib/reports/zoned-time";

export interface SnoozePreset {
  id: "1h" | "3h" | "tomorrow" | "monday" | "before-close";
  label: string;
  at: Date;
  /** The snooze ends after the last possible reply: the conversation would come back unanswerable. */
  endsAfterClose: boolean;
}

export interface SnoozeWindow {
  /** Last moment a reply can go out; null when none can now. */
  closesAt: Date | null;
  /** While replies are normal responses and the channel has the Human Agent feature: when they become tagged. */
  standardEndsAt: Date | null;
}

export function snoozeWindow(
  c: { platform: Platform; humanAgentEnabled: boolean; lastInboundAt: Date | null; lastInboundKind: WindowOpener | null },
  now: Date,
): SnoozeWindow {
  const decision = decideWindow({ ...c, now, sender: "HUMAN" });
  if (!decision.allowed) return { closesAt: null, standardEndsAt: null };
  const closesAt = c.humanAgentEnabled ? decision.humanAgentWindowEndsAt! : decision.standardWindowEndsAt!;
  const standardEndsAt = decision.stage === "STANDARD" && c.humanAgentEnabled ? decision.standardWindowEndsAt : null;
  return { closesAt, standardEndsAt };
}

/** What the snooze dialog measures a snooze against, from a conversation as the inbox API returns it. */
export function snoozeFacts(c: {
  channel: { platform: Platform; humanAgentEnabled: boolean };
  lastInboundAt: string | null;
  lastInboundKind: WindowOpener | null;
}): Parameters<typeof snoozeWindow>[0] {
  return {
    platform: c.channel.platform,
    humanAgentEnabled: c.channel.humanAgentEnabled,
    lastInboundAt: c.lastInboundAt ? new Date(c.lastInboundAt) : null,
    lastInboundKind: c.lastInboundKind,
  };
}

/**
 * Several conversations snoozed at once are measured against the one whose window closes first (closed ones
 * aside); the normal-reply stage differs between them, so it is not shown.
 */
export function earliestSnoozeWindow(windows: SnoozeWindow[]): SnoozeWindow {
  const closing = windows.flatMap((w) => (w.closesAt ? [w.closesAt] : []));
  return { closesAt: closing.length ? new Date(Math.min(...closing.map((d) => d.getTime()))) : null, standardEndsAt: null };
}

/** The weekday (0 = Sunday) of a calendar date "YYYY-MM-DD". */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function snoozePresets(now: Date, timeZone: string, closesAt: Date | null): SnoozePreset[] {
  const today = localDateOf(now, timeZone);
  const at9 = (date: string) => zonedTimeToUtc(`${date}T09:00`, timeZone);
  const daysToMonday = (8 - weekday(today)) % 7 || 7;
  const presets: Omit<SnoozePreset, "endsAfterClose">[] = [
    { id: "1h", label: "In 1 hour", at: new Date(now.getTime() + HOUR_MS) },
    { id: "3h", label: "In 3 hours", at: new Date(now.getTime() + 3 * HOUR_MS) },
    { id: "tomorrow", label: "Tomorrow, 09:00", at: at9(addDays(today, 1)) },
    { id: "monday", label: "Next Monday, 09:00", at: at9(addDays(today, daysToMonday)) },
  ];
  if (closesAt && closesAt.getTime() - HOUR_MS > now.getTime()) {
    presets.unshift({ id: "before-close", label: "1 h before the window closes", at: new Date(closesAt.getTime() - HOUR_MS) });
  }
  return presets.map((p) => ({ ...p, endsAfterClose: closesAt !== null && p.at > closesAt }));
}

/** "2026-11-21T14:05": an instant as the account's wall time, the value <input type="datetime-local"> takes. */
export function toZonedInputValue(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return local.toISOString().slice(0, 16);
}

/** The instant an <input type="datetime-local"> value means in the account's zone; null when malformed. */
export function fromZonedInputValue(value: string, timeZone: string): Date | null {
  try {
    return zonedTimeToUtc(value, timeZone);
  } catch {
    return null;
  }
}

/** "Europe/Berlin (GMT+1)": how a time zone is labelled next to times shown in it. */
export function timeZoneLabel(timeZone: string, at: Date): string {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "shortOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  return name ? `${timeZone} (${name})` : timeZone;
}
