import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import type { BusinessHoursView } from "@/lib/business-hours/business-hours-view";
import { db } from "@/lib/db";
import type { BusinessHoursInput } from "@/lib/validations/business-hours";
import { getBusinessHours } from "./get-business-hours";

/**
 * An admin replaces the account's business hours (the route checks the role): the whole week, holidays
 * (sorted, duplicates dropped), SLA targets and auto-reply, and the account's zone when given. Audited with
 * what was there before.
 */
export async function saveBusinessHours({ actor, input }: { actor: SessionAgent; input: BusinessHoursInput }): Promise<BusinessHoursView> {
  return db.$transaction(async (tx) => {
    const before = await getBusinessHours(actor.accountId, tx);
    const weekly = [...input.weekly].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
    const holidays = [...new Set(input.holidays)].sort();
    const data = {
      weekly,
      holidays,
      slaFirstResponseMinutes: input.slaFirstResponseMinutes,
      slaNextResponseMinutes: input.slaNextResponseMinutes,
      autoReplyEnabled: input.autoReply.enabled,
      autoReplyText: input.autoReply.text || null,
    };
    await tx.businessHours.upsert({ where: { accountId: actor.accountId }, create: { accountId: actor.accountId, ...data }, update: data });
    if (input.timezone && input.timezone !== before.timezone) {
      await tx.account.update({ where: { id: actor.accountId }, data: { timezone: input.timezone } });
    }
    const after = await getBusinessHours(actor.accountId, tx);
    await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "business_hours.updated", data: { before: { ...before }, after: { ...after } } }, tx);
    return after;
  });
}
