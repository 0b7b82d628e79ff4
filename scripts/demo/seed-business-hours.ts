// Demo business hours: Monday–Friday 09:00–18:00 in the demo account's zone, the year-end holidays, SLA
// targets, and the out-of-hours auto-reply written but off (turned on, it answers the demo's customers
// whenever the simulator's people write at night — an admin switches it on at /admin/business-hours).
// Idempotent: an account that has hours keeps them.
import { addDays, localDateOf } from "@/lib/reports/zoned-time";
import { db } from "@/lib/db";

export async function seedBusinessHoursDemo(accountId: string, now = new Date()): Promise<void> {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { timezone: true } });
  const year = localDateOf(now, account.timezone).slice(0, 4);
  const holidays = [`${year}-12-24`, `${year}-12-25`, `${year}-12-26`, `${year}-12-31`, addDays(`${year}-12-31`, 1)];
  await db.businessHours.upsert({
    where: { accountId },
    create: {
      accountId,
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })),
      holidays,
      slaFirstResponseMinutes: 30,
      slaNextResponseMinutes: 60,
      autoReplyEnabled: false,
      autoReplyText: "Thanks for your message! Our team is offline right now — we're here Monday to Friday, 09:00–18:00, and will answer as soon as we're back.",
    },
    update: {},
  });
}
