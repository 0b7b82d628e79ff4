// People first seen in a burst of webhooks get their names at once (User Profile API, 50 per Graph batch) and their
// thread ids from a few listing calls of the Conversations API (25 threads per call), not one paced call each.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { processWebhookEvents } from "@/lib/webhooks/process-webhook-events";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, startSyncWorker, TEST_APP, waitUntil, type MetaTestEnv } from "@/scripts/testing/meta-test-env";

let env: MetaTestEnv;
let worker: JobWorker;
const PEOPLE = 60;

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: { name: "empty", sizes: { pages: 2, instagramAccounts: 0 } }, app: { callbackUrl: null } as never });
  worker = await startSyncWorker();
}, 60_000);

afterAll(async () => {
  await worker?.stop(5_000);
  await env?.close();
});

describe("contact lookups", () => {
  it(`${PEOPLE} new people in one burst: every name from the User Profile API, thread ids from a few list calls`, async () => {
    const [page] = await simChannels(env.sim);
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const [channel] = await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(page!.id) });
    await waitUntil(async () => (await db.syncRun.count({ where: { channelId: channel!.id, kind: "BACKFILL", status: "SUCCEEDED" } })) === 1, { what: "backfill" });

    // People who wrote to the Page at Meta (no webhook reached us): Meta has their profile and thread.
    const people: { contactId: string; conversationId: string | null }[] = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await env.sim.control("POST", "/customer/message", { channelId: page!.id, newContact: { name: `Person ${i}` }, text: "hi" }));
    const { data: before } = await env.sim.control<{ data: { id: number }[] }>("GET", "/requests?limit=1");
    const since = before[0]?.id ?? 0;

    const now = Date.now();
    const messaging = people.map((p, i) => ({ sender: { id: p.contactId }, recipient: { id: page!.id }, timestamp: now + i, message: { mid: `m_lookup_${i}`, text: `message ${i}` } }));
    const body = JSON.stringify({ object: "page", entry: [{ id: page!.id, time: now, messaging }] });
    const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
    expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), signature)).status).toBe(200);
    while ((await processWebhookEvents()) > 0) {
      /* drain */
    }
    // Meanwhile the inbox shows the person without a name (the UI's placeholder), never a missing row.
    expect(await db.contact.count({ where: { channelId: channel!.id } })).toBe(PEOPLE);

    await waitUntil(async () => (await db.contact.count({ where: { channelId: channel!.id, name: { not: null } } })) === PEOPLE, { what: "names", timeoutMs: 20_000 });
    await waitUntil(async () => (await db.conversation.count({ where: { channelId: channel!.id, metaThreadId: { not: null } } })) === PEOPLE, { what: "thread ids", timeoutMs: 20_000 }).catch(async (error: Error) => {
      const jobs = await db.job.findMany({ select: { queue: true, status: true, attempts: true, lastError: true, runAt: true } });
      const { data } = await env.sim.control<{ data: unknown[] }>("GET", `/requests?since=${since}&limit=1000`);
      throw new Error(`${error.message}: jobs ${JSON.stringify(jobs)}, calls ${JSON.stringify(data)}`);
    });
    const contacts = await db.contact.findMany({ where: { channelId: channel!.id }, include: { conversations: true } });
    for (const contact of contacts) {
      const at = people.find((p) => p.contactId === contact.platformUserId)!;
      expect(contact.name).toBe(`Person ${people.indexOf(at)}`);
      expect(contact.conversations[0]!.metaThreadId).toBe(at.conversationId);
    }

    const { data: calls } = await env.sim.control<{ data: { id: number; path: string; method: string; via: string }[] }>("GET", `/requests?since=${since}&limit=1000`);
    const listCalls = calls.filter((c) => c.path.endsWith(`/${page!.id}/conversations`));
    const profileCalls = calls.filter((c) => people.some((p) => c.path.endsWith(`/${p.contactId}`)));
    // Every profile read once, inside Graph batches: two requests for 60 people (each item still counts as a call).
    expect(profileCalls).toHaveLength(PEOPLE);
    expect(profileCalls.every((c) => c.via === "batch" && c.method === "GET")).toBe(true);
    const batchRequests = calls.filter((c) => c.via === "http" && c.method === "POST" && /^\/v[\d.]+\/?$/.test(c.path));
    expect(batchRequests).toHaveLength(Math.ceil(PEOPLE / 50));
    // 60 threads are on the first three pages of 25: no per-person `user_id` lookup was needed.
    expect(listCalls.length).toBeLessThanOrEqual(Math.ceil(PEOPLE / 25));
  }, 90_000);

  it("a token Meta refuses inside the profile batch (190) stops at the channel: needs reconnect, nobody marked as looked up", async () => {
    const [, page] = await simChannels(env.sim);
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const [channel] = await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: env.sim.pageToken(page!.id) });
    await waitUntil(async () => (await db.syncRun.count({ where: { channelId: channel!.id, kind: "BACKFILL", status: "SUCCEEDED" } })) === 1, { what: "backfill" });
    const people: { contactId: string }[] = [];
    for (let i = 0; i < 3; i++) people.push(await env.sim.control("POST", "/customer/message", { channelId: page!.id, newContact: { name: `Refused ${i}` }, text: "hi" }));
    await env.sim.control("POST", "/faults/scripted", { endpoint: "profile", objectId: page!.id, effect: "error", error: { code: 190, subcode: 460, message: "Error validating access token" } });

    const now = Date.now();
    const messaging = people.map((p, i) => ({ sender: { id: p.contactId }, recipient: { id: page!.id }, timestamp: now + i, message: { mid: `m_refused_${i}`, text: `message ${i}` } }));
    const body = JSON.stringify({ object: "page", entry: [{ id: page!.id, time: now, messaging }] });
    expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`)).status).toBe(200);
    while ((await processWebhookEvents()) > 0) {
      /* drain */
    }

    await waitUntil(async () => (await db.channel.findUniqueOrThrow({ where: { id: channel!.id } })).tokenStatus === "NEEDS_RECONNECT", { what: "needs reconnect" });
    // The other two profiles of the batch were read, but nothing of the round is stored: after the reconnect the
    // lookup starts again for all three.
    const contacts = await db.contact.findMany({ where: { channelId: channel!.id, platformUserId: { in: people.map((p) => p.contactId) } } });
    expect(contacts).toHaveLength(3);
    expect(contacts.every((c) => c.profileFetchedAt === null && c.name === null)).toBe(true);
  }, 60_000);
});
