// What the API answers for an account's business hours, and the calendar built from it (browser and server).
// Pure.
import { BusinessCalendar, type WeeklyInterval } from "./business-hours";
import type { SlaTargets } from "./sla";

export interface BusinessHoursView {
  /** The account's IANA zone (accounts.timezone): hours, holidays and reports are local to it. */
  timezone: string;
  /** False until an admin saves hours: no SLA clocks, no window-before-reopen flag, no auto-reply. */
  configured: boolean;
  weekly: WeeklyInterval[];
  holidays: string[];
  slaFirstResponseMinutes: number | null;
  slaNextResponseMinutes: number | null;
  autoReply: { enabled: boolean; text: string | null };
}

export function calendarOf(view: Pick<BusinessHoursView, "timezone" | "weekly" | "holidays">): BusinessCalendar {
  return new BusinessCalendar({ timeZone: view.timezone, weekly: view.weekly, holidays: view.holidays });
}

export function slaTargetsOf(view: Pick<BusinessHoursView, "slaFirstResponseMinutes" | "slaNextResponseMinutes">): SlaTargets {
  return { firstResponseMinutes: view.slaFirstResponseMinutes, nextResponseMinutes: view.slaNextResponseMinutes };
}
