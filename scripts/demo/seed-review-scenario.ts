// Review demo data: the week of scripts/demo/review-scenario.ts on two channels of its own
// ("Northwind Outlet" on Messenger and Instagram), ending yesterday in the account's zone, so that
// /review/reports (default: the last 7 full days) shows numbers worked out by hand. With the channel
// filter set to one of these channels the numbers are exactly the scenario's (see the report of the
// review work or lib/reports/reports.int.test.ts); "All channels" adds the other demo conversations.
// These channels are history only — an outlet Page the team answered last week and has since disconnected
// (no token, no Meta behind them): review shows their threads, the working inbox does not.
// Idempotent: skipped when the channels exist.
import { db } from "@/lib/db";
import { seedReviewScenario } from "./review-scenario";
import { addDays, localDateOf } from "@/lib/reports/zoned-time";
import { DEMO_LOGINS } from "./demo-logins";

export const REVIEW_MESSENGER_META_ID = "1000000000000777";
export const REVIEW_INSTAGRAM_META_ID = "17841400000000777";

export async function seedReviewScenarioDemo(accountId: string, now = new Date()): Promise<{ created: boolean; from: string; to: string }> {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { timezone: true } });
  const existing = await db.channel.findFirst({ where: { accountId, metaId: REVIEW_MESSENGER_META_ID }, select: { createdAt: true } });
  // The week D0..D6 ends yesterday (local): a week of finished days.
  const anchorOf = (at: Date) => addDays(localDateOf(at, account.timezone), -7);
  if (existing) {
    const anchor = anchorOf(existing.createdAt);
    return { created: false, from: anchor, to: addDays(anchor, 6) };
  }
  const anchor = anchorOf(now);
  const messenger = await db.channel.create({
    data: { accountId, platform: "MESSENGER", metaId: REVIEW_MESSENGER_META_ID, pageMetaId: REVIEW_MESSENGER_META_ID, name: "Northwind Outlet", humanAgentEnabled: true, createdAt: now, disconnectedAt: now },
  });
  const instagram = await db.channel.create({
    data: { accountId, platform: "INSTAGRAM", metaId: REVIEW_INSTAGRAM_META_ID, pageMetaId: REVIEW_MESSENGER_META_ID, name: "northwind.outlet", username: "northwind.outlet", humanAgentEnabled: true, createdAt: now, disconnectedAt: now },
  });
  const byEmail = async (email: string) => (await db.agent.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const [manager, alex, sam] = await Promise.all(
    (["manager@northwind.test", "alex@northwind.test", "sam@northwind.test"] as const).map((email) => {
      if (!DEMO_LOGINS.some((l) => l.email === email)) throw new Error(`demo login ${email} is missing`);
      return byEmail(email);
    }),
  );
  await db.pageMembership.createMany({
    data: [messenger, instagram].flatMap((c) => [alex!, sam!].map((agentId) => ({ agentId, channelId: c.id }))),
    skipDuplicates: true,
  });
  await seedReviewScenario({ timeZone: account.timezone, anchor, messenger, instagram, managerId: manager!, alexId: alex!, samId: sam!, now });
  return { created: true, from: anchor, to: addDays(anchor, 6) };
}
