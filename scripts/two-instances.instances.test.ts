// Two production app servers (scripts/serve.ts, both with their background work, WORKER_ENABLED=true) on one
// Postgres database and one Meta (the simulator), as a load balancer would have them. Shows what several
// instances must get right (README, Deployment):
//   1. a signed webhook posted to A reaches an agent's realtime stream opened at B;
//   2. a typing signal reported to both goes to Meta once (the throttle lives in Postgres);
//   3. jobs enqueued once run exactly once, across both workers;
//   4. a send started at A whose call failed, retried by B's worker while A is frozen (SIGSTOP), reaches Meta
//      once, and A waking up sends nothing more;
//   5. A killed (SIGKILL) in the middle of a webhook burst sent to both: every webhook either answered 200 is
//      stored, exactly once.
// The tests run in order and share the two servers (starting a production server takes seconds).
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db, IDLE_IN_TRANSACTION_TIMEOUT_MS, pool } from "@/lib/db";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { outboxMetadata } from "@/lib/send/outbox-metadata";
import { SEND_DELIVER_QUEUE } from "@/lib/send/send-queue";
import { signBody, startSimulator, type RunningSimulator } from "@/meta-simulator";
import { startAppServer } from "@/scripts/lib/app-server";
import { stopAllChildren, type Child } from "@/scripts/lib/processes";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP, waitUntil } from "@/scripts/testing/meta-test-env";
import type { SendLogEntry } from "@/scripts/testing/send-harness";
import { sessionCookie } from "@/scripts/testing/session-cookie";

interface Instance {
  name: "A" | "B";
  url: string;
  child: Child;
  /** Prefix of the job worker ids of this process (lib/jobs/job-worker.ts: host:pid:…). */
  workerPrefix: string;
  lines: string[];
}

let sim: RunningSimulator;
let a: Instance;
let b: Instance;
let pageId: string;
let channelId: string;
let agentCookie: string;
/** The person who wrote in test 1, and their conversation. */
let contactPsid: string;
let conversationId: string;

const log = (line: string) => process.env.INSTANCES_DEBUG && console.log(line);

async function startInstance(name: "A" | "B"): Promise<Instance> {
  const lines: string[] = [];
  const { baseUrl, app } = await startAppServer({
    name: `app ${name}`,
    databaseUrl: process.env.DATABASE_URL!,
    secrets: {
      AUTH_SECRET: process.env.AUTH_SECRET!,
      TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY!,
      META_APP_ID: TEST_APP.id,
      META_APP_SECRET: TEST_APP.secret,
      META_VERIFY_TOKEN: TEST_APP.verifyToken,
    },
    env: { META_GRAPH_BASE_URL: sim.url, META_OAUTH_DIALOG_URL: sim.url, DATABASE_POOL_SIZE: "5" },
    logLevel: "warn",
    workerEnabled: true,
    log,
    onLine: (line) => {
      lines.push(line);
      log(`${name} │ ${line}`);
    },
  });
  return { name, url: baseUrl, child: app, workerPrefix: `${hostname()}:${app.process.pid}:`, lines };
}

/** Signals the instance's whole process group (SIGKILL: a crash; SIGSTOP/SIGCONT: a frozen machine). */
function signal(instance: Instance, which: NodeJS.Signals) {
  process.kill(-instance.child.process.pid!, which);
}

async function sendLog(): Promise<SendLogEntry[]> {
  return (await sim.control<{ data: SendLogEntry[] }>("GET", "/send-log?limit=100000")).data;
}

const metadataOf = (entry: SendLogEntry) => (entry.request.message as { metadata?: string } | undefined)?.metadata;

/** An SSE stream of `/api/events` as the agent's browser opens it; collects the events it receives. */
async function openEventStream(baseUrl: string) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { headers: { cookie: agentCookie, accept: "text/event-stream" }, signal: abort.signal });
  expect(response.status).toBe(200);
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })().catch(() => {});
  return { events, close: () => (abort.abort(), reading) };
}

beforeAll(async () => {
  sim = await startSimulator({
    dataset: { name: "generic", seed: 11, sizes: { pages: 1, instagramAccounts: 0, conversations: 0, messagesPerConversation: { min: 1, max: 1 } } },
    port: 0,
    stateFile: null,
    app: { id: TEST_APP.id, secret: TEST_APP.secret, verifyToken: TEST_APP.verifyToken, callbackUrl: null },
    config: { webhooks: { batchWindowMs: 2, autoDeliveryDelayMs: 20, initialRetryDelayMs: 50, maxRetryDelayMs: 400 } },
  });
  configureAppEnv(sim.url);
  [a, b] = await Promise.all([startInstance("A"), startInstance("B")]);

  const account = await createAccount();
  const admin = await createTestAgent(account.id, "ADMIN");
  pageId = [...sim.sim.world.pages.keys()][0]!;
  const [connected] = await connectChannelFromPageToken({ accountId: account.id, actorId: admin.id, pageToken: sim.pageToken(pageId) });
  channelId = connected!.id;
  const agent = await createTestAgent(account.id, "AGENT");
  await db.pageMembership.create({ data: { agentId: agent.id, channelId } });
  agentCookie = (await sessionCookie(agent)).cookie;
}, 300_000);

afterAll(async () => {
  await stopAllChildren();
  await sim?.close();
});

describe("two app instances on one Postgres", () => {
  it("a signed webhook posted to A reaches the agent's realtime stream opened at B", async () => {
    const stream = await openEventStream(b.url);
    try {
      await waitUntil(async () => stream.events.some((e) => e.event === "ready"), { what: "the stream at B", timeoutMs: 10_000 });
      // B's LISTEN is in place (the hub connects when the first stream subscribes): only B has a stream open.
      await waitUntil(
        async () =>
          (
            await pool.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'inbox-realtime' AND state = 'idle' AND query LIKE 'LISTEN%'`,
            )
          ).rowCount === 1,
        { what: "B listening for realtime events", timeoutMs: 10_000 },
      );
      await sim.control("POST", "/app", { callbackUrl: `${a.url}/api/webhooks/meta`, verify: false });
      const written = await sim.control<{ contactId: string; messageId: string }>("POST", "/customer/message", {
        channelId: pageId,
        newContact: { firstName: "Ines", lastName: "Instances" },
        text: "Hello, is anyone there?",
      });
      contactPsid = written.contactId;

      await waitUntil(async () => stream.events.some((e) => e.event === "message.upserted"), { what: "message.upserted at B", timeoutMs: 20_000 });
      const upserted = stream.events.find((e) => e.event === "message.upserted")!.data as { messageId: string; conversationId: string; channelId: string };
      const stored = await db.message.findUniqueOrThrow({ where: { id: upserted.messageId } });
      expect(stored).toMatchObject({ mid: written.messageId, text: "Hello, is anyone there?", channelId, direction: "INBOUND" });
      conversationId = upserted.conversationId;
      // The webhook went to A, and only to A.
      const { data: deliveries } = await sim.control<{ data: { url: string; status: number; outcome: string }[] }>("GET", "/webhooks/log");
      expect(deliveries.map((d) => [d.url, d.status])).toEqual([[`${a.url}/api/webhooks/meta`, 200]]);
    } finally {
      await stream.close();
    }
    // From here on Meta calls B (the echoes of the sends below).
    await sim.control("POST", "/app", { callbackUrl: `${b.url}/api/webhooks/meta`, verify: false });
  });

  it("typing reported to A and B at once goes to Meta once: the throttle is shared through Postgres", async () => {
    const typing = (instance: Instance) =>
      fetch(`${instance.url}/api/conversations/${conversationId}/typing`, { method: "POST", headers: { cookie: agentCookie } }).then(async (r) => {
        expect(r.status).toBe(202);
        return ((await r.json()) as { typing: string }).typing;
      });
    const answers = await Promise.all([typing(a), typing(b), typing(a), typing(b)]);
    expect(answers.sort()).toEqual(["queued", "throttled", "throttled", "throttled"]);
    await waitUntil(async () => (await sendLog()).some((e) => e.request.sender_action === "typing_on"), { what: "typing_on at Meta", timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect((await sendLog()).filter((e) => e.request.sender_action === "typing_on")).toHaveLength(1);
  });

  it("jobs enqueued once run exactly once across both workers", async () => {
    const JOBS = 40;
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const ids = Array.from({ length: JOBS }, () => randomUUID());
    // Outbox messages nobody attempted yet (as if their requests died before the first call), one
    // send.deliver job each: every execution is one Send API call, so Meta counts the executions.
    await db.message.createMany({
      data: ids.map((id, i) => ({
        id,
        accountId: conversation.accountId,
        channelId,
        conversationId,
        direction: "OUTBOUND" as const,
        senderKind: "AGENT" as const,
        text: `Job ${i + 1} of ${JOBS}`,
        sentAt: new Date(),
        messagingType: "RESPONSE" as const,
        sendStatus: "PENDING" as const,
        idempotencyKey: `instances-${id}`,
        sendRequestHash: id,
        sendMetadata: outboxMetadata(id),
      })),
    });
    const jobIds = await enqueueJobs(ids.map((messageId) => ({ queue: SEND_DELIVER_QUEUE, payload: { messageId }, singletonKey: messageId })));
    expect(jobIds).toHaveLength(JOBS);

    await waitUntil(async () => (await db.message.count({ where: { id: { in: ids }, sendStatus: "SENT" } })) === JOBS, { what: "every job's message sent", timeoutMs: 60_000 });
    // Meta's echo can mark a message sent (webhook processing) before its job has recorded its own end.
    await waitUntil(async () => (await db.job.count({ where: { id: { in: jobIds }, status: { in: ["QUEUED", "RUNNING"] } } })) === 0, { what: "every job ended", timeoutMs: 10_000 });
    const jobs = await db.job.findMany({ where: { id: { in: jobIds } }, select: { status: true, attempts: true, lockedBy: true } });
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual(jobIds.map(() => ["DONE", 1]));
    const ranBy = (instance: Instance) => jobs.filter((j) => j.lockedBy?.startsWith(instance.workerPrefix)).length;
    expect(ranBy(a) + ranBy(b)).toBe(JOBS);
    // Both workers took part (each wakes on the same NOTIFY and claims with SKIP LOCKED).
    expect(ranBy(a)).toBeGreaterThan(0);
    expect(ranBy(b)).toBeGreaterThan(0);

    const sends = (await sendLog()).filter((e) => ids.some((id) => metadataOf(e) === outboxMetadata(id)));
    expect(sends).toHaveLength(JOBS);
    expect(new Set(sends.map(metadataOf)).size).toBe(JOBS);
    expect(sends.every((e) => e.status === 200)).toBe(true);
  });

  it("a send started at A, whose call failed, is retried by B's worker while A is frozen: Meta gets it once", async () => {
    await sim.control("POST", "/faults/scripted", { endpoint: "send", objectId: pageId, effect: "serverError", times: 1 });
    const response = await fetch(`${a.url}/api/conversations/${conversationId}/messages`, {
      method: "POST",
      headers: { cookie: agentCookie, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ text: "Started at A, finished by B" }),
    });
    expect(response.status).toBe(201);
    const { message } = (await response.json()) as { message: { id: string; sendStatus: string } };
    expect(message.sendStatus).toBe("PENDING");
    // A stops dead (a frozen VM, a stop-the-world pause): its worker cannot take the retry.
    signal(a, "SIGSTOP");
    try {
      // If A froze inside a transaction (e.g. its webhook processor applying echoes of the jobs above, with the
      // conversation locked), B waits until Postgres ends that session: IDLE_IN_TRANSACTION_TIMEOUT_MS (20 s).
      await waitUntil(async () => (await db.message.findUniqueOrThrow({ where: { id: message.id } })).sendStatus === "SENT", {
        what: "B's worker to send it",
        timeoutMs: IDLE_IN_TRANSACTION_TIMEOUT_MS + 25_000,
      }).catch(async (error: Error) => {
        const { rows } = await pool.query(
          `SELECT application_name, state, wait_event_type, pg_blocking_pids(pid) AS blocked_by, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database()`,
        );
        throw new Error(`${error.message}; sessions: ${JSON.stringify(rows)}`);
      });
      const [job] = await db.job.findMany({ where: { queue: SEND_DELIVER_QUEUE, singletonKey: message.id }, select: { status: true, lockedBy: true } });
      expect(job?.status).toBe("DONE");
      expect(job?.lockedBy?.startsWith(b.workerPrefix)).toBe(true);
    } finally {
      signal(a, "SIGCONT");
    }
    // A wakes up with its old view of the world: nothing more goes to Meta.
    await new Promise((r) => setTimeout(r, 3_000));
    const calls = (await sendLog()).filter((e) => metadataOf(e) === outboxMetadata(message.id));
    expect(calls.map((c) => [c.status, c.fault])).toEqual([
      [500, "scripted:serverError"],
      [200, null],
    ]);
    const atMeta = await sim.control<{ messages: { text: string | null }[] }>("GET", `/thread?contactId=${contactPsid}`);
    expect(atMeta.messages.filter((m) => m.text === "Started at A, finished by B")).toHaveLength(1);
    const stored = await db.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored.sendStatus).toBe("SENT");
    expect(stored.mid).toBe(calls[1]!.messageId);
  });

  it("A killed (SIGKILL) mid-burst of webhooks to both: every acknowledged webhook is stored, exactly once", async () => {
    const TOTAL = 240;
    const started = Date.now();
    const mids = Array.from({ length: TOTAL }, (_, i) => `m_burst_${started}_${i}`);
    const acknowledged = new Set<string>();
    const failed: string[] = [];
    let acknowledgedByA = 0;
    let aKilled = false;
    const post = async (i: number) => {
      const target = i % 2 === 0 ? a : b;
      const body = JSON.stringify({
        object: "page",
        entry: [
          {
            id: pageId,
            time: started + i,
            messaging: [{ sender: { id: contactPsid }, recipient: { id: pageId }, timestamp: started + i, message: { mid: mids[i], text: `Burst ${i}` } }],
          },
        ],
      });
      try {
        const response = await fetch(`${target.url}/api/webhooks/meta`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-hub-signature-256": signBody(TEST_APP.secret, body).sha256 },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 200) {
          acknowledged.add(mids[i]!);
          if (target === a) acknowledgedByA++;
        } else failed.push(`${i}: HTTP ${response.status}`);
      } catch (error) {
        failed.push(`${i}: ${(error as Error).message}`);
      }
      // A third of A's share acknowledged: kill it while the burst goes on.
      if (!aKilled && acknowledgedByA >= TOTAL / 6) {
        aKilled = true;
        signal(a, "SIGKILL");
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < TOTAL) await post(next++);
      }),
    );
    expect(aKilled).toBe(true);
    await a.child.exited;
    // B acknowledged all of its share; A some of its share before it died.
    expect(acknowledged.size).toBeGreaterThanOrEqual(TOTAL / 2 + TOTAL / 6);
    expect(failed.length).toBeGreaterThan(0);

    const storedOnce = async () =>
      (await pool.query<{ mid: string; n: number }>(`SELECT mid, count(*)::int AS n FROM messages WHERE channel_id = $1 AND mid = ANY($2::text[]) GROUP BY mid`, [
        channelId,
        [...acknowledged],
      ])).rows;
    await waitUntil(async () => (await storedOnce()).length === acknowledged.size, { what: "every acknowledged webhook's message stored (by B)", timeoutMs: 60_000 });
    const rows = await storedOnce();
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.mid))).toEqual(acknowledged);
    // Nothing is left behind: whatever A had stored or claimed, B processed.
    await waitUntil(async () => (await db.webhookEvent.count({ where: { status: { not: "PROCESSED" } } })) === 0, {
      what: "no webhook event left unprocessed",
      timeoutMs: 30_000,
    });
    const burst = await db.message.count({ where: { channelId, mid: { startsWith: `m_burst_${started}_` } } });
    expect(burst).toBeGreaterThanOrEqual(acknowledged.size);
    expect(burst).toBeLessThanOrEqual(TOTAL); // beyond the acknowledged: at most POSTs A stored but could not answer
  });
});
