import "server-only";
import type { BusinessHoursView } from "@/lib/business-hours/business-hours-view";
import type { WeeklyInterval } from "@/lib/business-hours/business-hours";
import { db, type Tx } from "@/lib/db";

/** An account's business hours as the API shows them (no row yet: not configured, empty week). */
export async function getBusinessHours(accountId: string, client: Tx | typeof db = db): Promise<BusinessHoursView> {
  const account = await client.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { timezone: true, businessHours: true },
  });
  const hours = account.businessHours;
  return {
    timezone: account.timezone,
    configured: hours !== null,
    weekly: (hours?.weekly as WeeklyInterval[] | undefined) ?? [],
    holidays: hours?.holidays ?? [],
    slaFirstResponseMinutes: hours?.slaFirstResponseMinutes ?? null,
    slaNextResponseMinutes: hours?.slaNextResponseMinutes ?? null,
    autoReply: { enabled: hours?.autoReplyEnabled ?? false, text: hours?.autoReplyText ?? null },
  };
}
