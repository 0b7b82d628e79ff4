// One item Meta holds must not stop a whole sync (issue 11 §1): a message containing NUL is imported without it,
// and a conversation the database refuses is set aside — recorded and shown to admins — while the backfill and
// every later reconciliation of the channel go on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv } from "@/scripts/testing/meta-test-env";
import { SYNC_QUEUES } from "./sync-queues";

let env: MetaTestEnv;
let worker: JobWorker;

type Action = { contactId: string; conversationId: string | null; messageId: string | null; timestamp: number };

beforeAll(async () => {
  env = await startMetaTestEnv({
    dataset: { name: "generic", seed: 5, sizes: { pages: 1, instagramAccounts: 0, conversations: 30, messagesPerConversation: { min: 1, max: 3 } } },
    // No webhooks: only the sync brings messages in.
    app: { callbackUrl: null } as never,
  });
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
    BEGIN IF NEW.text LIKE '%POISON%' THEN RAISE EXCEPTION 'poisoned item'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER refuse_poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
  worker = await startSyncWorker();
}, 60_000);

afterAll(async () => {
  await worker?.stop(5_000);
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_poison ON messages`);
  await env?.close();
});

const customer = (body: unknown) => env.sim.control<Action>("POST", "/customer/message", body);

describe("sync isolation", () => {
  it("a NUL character and a refused conversation stop neither the backfill nor the reconciliation", async () => {
    const [page] = await simChannels(env.sim);
    const withNul = await customer({ channelId: page!.id, newContact: { name: "Nul\u0000 Person" }, text: "Hallo\u0000 Welt" });
    const poisoned = await customer({ channelId: page!.id, newContact: { name: "Poisoned" }, text: "POISON" });

    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const [connected] = await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(page!.id) });
    const channelId = connected!.id;
    await waitUntil(async () => (await db.syncRun.count({ where: { channelId, kind: "BACKFILL", status: "SUCCEEDED" } })) === 1, { what: "backfill", timeoutMs: 60_000 });

    expect(await db.conversation.count({ where: { channelId } })).toBe(31);
    const nul = await db.message.findFirstOrThrow({ where: { mid: withNul.messageId! }, include: { conversation: { include: { contact: true } } } });
    expect(nul.text).toBe("Hallo Welt");
    expect(nul.conversation.contact.name).toBe("Nul Person");
    expect(await db.message.count({ where: { mid: poisoned.messageId! } })).toBe(0);

    // Messages Meta holds that no webhook delivered: the reconciliation repairs them, the poisoned thread again set aside.
    const later = await customer({ channelId: page!.id, newContact: { name: "Later" }, text: "Neu hier" });
    await customer({ channelId: page!.id, contactId: poisoned.contactId, text: "still POISON" });
    const since = new Date();
    await enqueueJob(SYNC_QUEUES.reconcile, { channelId, mode: "once", full: false }, { maxAttempts: 1 });
    await waitUntil(async () => (await db.syncRun.count({ where: { channelId, kind: "RECONCILE", finishedAt: { gte: since } } })) === 1, { what: "reconciliation", timeoutMs: 60_000 });
    expect((await db.syncRun.findFirstOrThrow({ where: { channelId, kind: "RECONCILE" }, orderBy: { createdAt: "desc" } })).status).toBe("SUCCEEDED");
    expect(await db.message.count({ where: { mid: later.messageId! } })).toBe(1);

    const failures = await db.syncFailure.findMany({ where: { channelId }, orderBy: { occurredAt: "asc" } });
    expect(failures.map((f) => [f.source, f.itemKey])).toEqual([
      ["BACKFILL", poisoned.conversationId],
      ["RECONCILE", poisoned.conversationId],
    ]);
    const [shown] = (await listAdminChannels(account.id)).filter((c) => c.id === channelId);
    expect(shown!.syncFailures).toMatchObject({ count: 2, lastError: expect.stringContaining("poisoned item") });
  }, 150_000);
});
