// Demo data of satisfaction surveys (lib/csat): the account's setting (off, with its question and privacy
// policy filled in, so an admin only ticks the box on /admin/csat) and ratings of last week's outlet
// conversations (scripts/demo/seed-review-scenario.ts) so the CSAT and per-label reports have numbers. The
// outlet channels are history only, so these surveys carry no message of their own (the thread shows none);
// the review scenario's hand-worked reply numbers stay as they are. Idempotent: skipped once the account has
// surveys.
import { db } from "@/lib/db";
import { REVIEW_INSTAGRAM_META_ID, REVIEW_MESSENGER_META_ID } from "./seed-review-scenario";

const RATINGS = [5, 4, 5, 2, 4, 3, 5, 4];
const COMMENTS: Record<number, string> = { 0: "Super fast, thank you!", 3: "Took two days to get an answer." };
const LABELS_BY_INDEX = ["Refund", "Order issue", "Refund", "Order issue", "VIP", "Refund", "Order issue", "VIP"];

export async function seedCsatDemo(accountId: string): Promise<{ created: number }> {
  await db.csatSetting.upsert({
    where: { accountId },
    create: { accountId, enabled: false, question: "How did we do today?", privacyUrl: "https://northwind.example/privacy" },
    update: {},
  });
  if ((await db.csatSurvey.count({ where: { accountId } })) > 0) return { created: 0 };
  // Conversations an agent resolved last week on the outlet channels, with who resolved them and when.
  const resolved = await db.$queryRaw<{ conversation_id: string; channel_id: string; actor_id: string; at: Date }[]>`
    SELECT DISTINCT ON (e.conversation_id) e.conversation_id::text, c.channel_id::text, e.actor_id::text, e.created_at AS at
      FROM audit_events e
      JOIN conversations c ON c.id = e.conversation_id
      JOIN channels ch ON ch.id = c.channel_id
     WHERE e.account_id = ${accountId}::uuid AND e.type = 'conversation.status_changed' AND e.data->>'to' = 'RESOLVED' AND e.actor_id IS NOT NULL
       AND ch.meta_id IN (${REVIEW_MESSENGER_META_ID}, ${REVIEW_INSTAGRAM_META_ID})
     ORDER BY e.conversation_id, e.created_at DESC`;
  const labels = new Map((await db.label.findMany({ where: { accountId }, select: { id: true, name: true } })).map((l) => [l.name, l.id]));
  const chosen = resolved.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, RATINGS.length);
  for (const [i, r] of chosen.entries()) {
    await db.csatSurvey.create({
      data: {
        accountId,
        conversationId: r.conversation_id,
        channelId: r.channel_id,
        agentId: r.actor_id,
        askedAt: r.at,
        rating: RATINGS[i]!,
        comment: COMMENTS[i] ?? null,
        answeredAt: new Date(r.at.getTime() + (10 + 7 * i) * 60_000),
      },
    });
    const labelId = labels.get(LABELS_BY_INDEX[i]!);
    if (labelId) await db.conversationLabel.upsert({ where: { conversationId_labelId: { conversationId: r.conversation_id, labelId } }, create: { conversationId: r.conversation_id, labelId }, update: {} });
  }
  return { created: chosen.length };
}
