import "server-only";
import { calendarOf } from "@/lib/business-hours/business-hours-view";
import { closingBeforeOf } from "@/lib/business-hours/sla";
import { getBusinessHours } from "./get-business-hours";

/**
 * The bound of the inbox's "Before closing" folder at `now`: when the team is next open after the
 * current open period (or, while closed, the next opening). Null when the account has no business hours.
 */
export async function closingBeforeFor(accountId: string, now: Date): Promise<Date | null> {
  const hours = await getBusinessHours(accountId);
  if (!hours.configured) return null;
  return closingBeforeOf(calendarOf(hours).reopensAt(now));
}
