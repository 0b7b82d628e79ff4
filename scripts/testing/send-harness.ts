// Integration-test harness for the send path: an in-process Meta simulator (our Graph API stand-in), the
// app's configuration pointing at it, channels connected with real simulator Page tokens, conversations
// whose last inbound message sits at a chosen age on both sides, and a minimal webhook receiver that settles
// our outbox from echoes the way the sync engine's processor does (settleOutboxFromEcho).
//
// Call startSendHarness() in beforeAll, before anything reads the configuration (lib/env.ts parses it once).
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSimulator, type RunningSimulator } from "../../meta-simulator";
import type { SessionAgent } from "@/lib/auth/session";
import { sealChannelToken } from "@/lib/channels/channel-token";
import { db, pool } from "@/lib/db";
import type { Platform } from "@/lib/generated/prisma/client";
import { JobWorker } from "@/lib/jobs/job-worker";
import { jobHandlers } from "@/lib/jobs/define-job";
import { sendDeliverJob } from "@/lib/worker/job-definitions";
import { settleOutboxFromEcho } from "@/lib/send/mark-outbound-sent";
import { asSession, createAccount, createTestAgent } from "./factories";

export interface SendLogEntry {
  id: number;
  objectId: string | null;
  platform: string | null;
  request: Record<string, unknown>;
  status: number;
  response: Record<string, unknown>;
  errorCode: number | null;
  errorSubcode: number | null;
  messageId: string | null;
  fault: string | null;
}

export interface RequestLogEntry {
  id: number;
  method: string;
  path: string;
  status: number;
  objectId: string | null;
  errorCode: number | null;
}

export interface HarnessChannel {
  id: string;
  accountId: string;
  platform: Platform;
  /** Page id (Messenger) or IG account id: the simulator's channel id. */
  metaId: string;
  pageMetaId: string;
}

export interface HarnessConversation {
  id: string;
  channelId: string;
  /** PSID / IGSID at the simulator. */
  contactId: string;
  /** The simulator's conversation id. */
  simConversationId: string;
  lastInboundAt: Date | null;
  /** mid of the person's message (a reply_to target). */
  inboundMessageId: string | null;
}

export type Age = { days?: number; hours?: number; minutes?: number; seconds?: number };

export interface SendHarness {
  sim: RunningSimulator;
  accountId: string;
  agent: SessionAgent;
  messenger: HarnessChannel;
  instagram: HarnessChannel;
  /** A second Page without the Human Agent feature. */
  noHumanAgent: HarnessChannel;
  /** A person on the channel whose last message was `age` ago (null: they never wrote). */
  conversation(channel: HarnessChannel, age: Age | null): Promise<HarnessConversation>;
  /** Send API calls the simulator received since the last `clearSendLog()`. */
  sendLog(objectId?: string): Promise<SendLogEntry[]>;
  /** Reads of the Conversations API (a thread read back before a resend) since the last `clearSendLog()`. */
  conversationReads(objectId?: string): Promise<RequestLogEntry[]>;
  clearSendLog(): Promise<void>;
  /** How many messages of the Page with this text the person's thread holds at Meta. */
  copiesAtMeta(conversation: HarnessConversation, text: string): Promise<number>;
  /**
   * Echo handling: "settle" (default) settles our outbox as the webhook processor does; "drop" acknowledges
   * echoes and ignores them (lost webhooks); "hold" acknowledges and keeps them until releaseEchoes().
   */
  echoes: { mode: "settle" | "drop" | "hold"; settled: number };
  /** Processes held echoes now (and returns to "settle"). */
  releaseEchoes(): Promise<void>;
  /** Waits until the simulator has delivered every pending webhook. */
  drainWebhooks(): Promise<void>;
  /** What an admin's reconnection does: a fresh Page token from Meta, the channel VALID again. */
  reconnect(channel: HarnessChannel): Promise<void>;
  startJobWorker(): Promise<JobWorker>;
  close(): Promise<void>;
}

function ms(age: Age) {
  return ((age.days ?? 0) * 24 * 3600 + (age.hours ?? 0) * 3600 + (age.minutes ?? 0) * 60 + (age.seconds ?? 0)) * 1000;
}

export async function startSendHarness(): Promise<SendHarness> {
  const app = { id: "1517776481860111", secret: randomBytes(16).toString("hex"), verifyToken: "harness-verify-token" };
  Object.assign(process.env, {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    META_APP_ID: app.id,
    META_APP_SECRET: app.secret,
    META_VERIFY_TOKEN: app.verifyToken,
  });

  const echoes: SendHarness["echoes"] = { mode: "settle", settled: 0 };
  const channelsByMetaId = new Map<string, string>();
  const held: string[] = [];
  const settleEchoes = async (body: string) => {
    const payload = JSON.parse(body) as { object: string; entry: { id: string; messaging?: Record<string, unknown>[] }[] };
    for (const entry of payload.entry) {
      const channelId = channelsByMetaId.get(`${payload.object}:${entry.id}`);
      if (!channelId) continue;
      for (const item of entry.messaging ?? []) {
        const message = item.message as { is_echo?: boolean; metadata?: string; mid?: string } | undefined;
        if (!message?.is_echo || !message.mid) continue;
        const settled = await db.$transaction((tx) =>
          settleOutboxFromEcho(tx, { channelId, metadata: message.metadata, mid: message.mid!, timestamp: new Date(Number(item.timestamp)) }),
        );
        if (settled) echoes.settled++;
      }
    }
  };
  const receiver = await startEchoReceiver(async (body) => {
    if (echoes.mode === "drop") return;
    if (echoes.mode === "hold") held.push(body);
    else await settleEchoes(body);
  });

  const sim = await startSimulator({
    dataset: { name: "empty", sizes: { pages: 2, instagramAccounts: 1 } },
    app: { ...app, callbackUrl: receiver.url },
    config: {
      limits: { sendPerSecond: null, sendMediaPerSecond: null, conversationsPerSecond: null },
      webhooks: { batchWindowMs: 2, autoDeliveryDelayMs: 50, initialRetryDelayMs: 100, verifyOnSubscribe: false },
      faults: { timeoutHoldMs: 5_000 },
    },
    stateFile: null,
    port: 0,
  });
  process.env.META_GRAPH_BASE_URL = sim.url;
  process.env.META_OAUTH_DIALOG_URL = sim.url;
  process.env.META_INSTAGRAM_OAUTH_URL = `${sim.url}/ig-www`;
  process.env.META_INSTAGRAM_API_URL = `${sim.url}/ig-api`;
  process.env.META_INSTAGRAM_GRAPH_BASE_URL = `${sim.url}/ig-graph`;

  const simChannels = (await sim.control<{ data: { id: string; platform: string; pageId: string; humanAgent: boolean; accessToken: string }[] }>("GET", "/channels")).data;
  const pages = simChannels.filter((c) => c.platform === "messenger");
  const ig = simChannels.find((c) => c.platform === "instagram")!;
  await sim.control("POST", `/channels/${pages[1]!.id}/human-agent`, { enabled: false });

  const account = await createAccount("Send harness");
  const agentRow = await createTestAgent(account.id, "AGENT");
  const connect = async (simChannel: (typeof simChannels)[number], humanAgentEnabled: boolean): Promise<HarnessChannel> => {
    const platform: Platform = simChannel.platform === "instagram" ? "INSTAGRAM" : "MESSENGER";
    const channel = await db.channel.create({
      data: {
        accountId: account.id,
        platform,
        metaId: simChannel.id,
        pageMetaId: simChannel.pageId,
        name: `${platform} ${simChannel.id}`,
        humanAgentEnabled,
      },
    });
    await db.channel.update({ where: { id: channel.id }, data: { accessTokenEncrypted: sealChannelToken(channel.id, simChannel.accessToken) } });
    await db.pageMembership.create({ data: { agentId: agentRow.id, channelId: channel.id } });
    channelsByMetaId.set(`${platform === "INSTAGRAM" ? "instagram" : "page"}:${simChannel.id}`, channel.id);
    // Echoes reach us only for subscribed Pages (the linked Page's subscription covers Instagram).
    if (platform === "MESSENGER") {
      const subscribed = await fetch(`${sim.url}/v24.0/${simChannel.id}/subscribed_apps?subscribed_fields=messages,message_echoes`, {
        method: "POST",
        headers: { authorization: `Bearer ${simChannel.accessToken}` },
      });
      if (!subscribed.ok) throw new Error(`subscribe failed: ${await subscribed.text()}`);
    }
    return { id: channel.id, accountId: account.id, platform, metaId: simChannel.id, pageMetaId: simChannel.pageId };
  };
  const messenger = await connect(pages[0]!, true);
  const noHumanAgent = await connect(pages[1]!, false);
  const instagram = await connect(ig, true);
  let lastLogId = 0;
  let lastRequestId = 0;
  const requestsSince = async (since: number) => (await sim.control<{ data: RequestLogEntry[] }>("GET", `/requests?since=${since}&limit=100000`)).data;
  const workers: JobWorker[] = [];

  return {
    sim,
    accountId: account.id,
    agent: asSession(agentRow),
    messenger,
    instagram,
    noHumanAgent,
    echoes,
    async releaseEchoes() {
      echoes.mode = "settle";
      for (const body of held.splice(0)) await settleEchoes(body);
    },
    async conversation(channel, age) {
      const name = `Person ${randomUUID().slice(0, 6)}`;
      let contactId: string;
      let simConversationId: string;
      let lastInboundAt: Date | null = null;
      let inboundMessageId: string | null = null;
      if (age) {
        const sent = await sim.control<{ contactId: string; conversationId: string; messageId: string }>("POST", "/customer/message", {
          channelId: channel.metaId,
          newContact: { name },
          text: "Hello, is my order on its way?",
        });
        contactId = sent.contactId;
        simConversationId = sent.conversationId;
        inboundMessageId = sent.messageId;
        const aged = await sim.control<{ lastOpenerAtMs: number }>("POST", `/conversations/${simConversationId}/age`, { ms: ms(age) });
        lastInboundAt = new Date(aged.lastOpenerAtMs);
      } else {
        // A person Meta knows (e.g. from a read or a reaction to nothing) who never opened a window: the
        // simulator needs a message to create them, our side simply has no opener.
        const sent = await sim.control<{ contactId: string; conversationId: string }>("POST", "/customer/message", {
          channelId: channel.metaId,
          newContact: { name },
          text: "hi",
        });
        contactId = sent.contactId;
        simConversationId = sent.conversationId;
      }
      const contact = await db.contact.create({ data: { accountId: channel.accountId, channelId: channel.id, platformUserId: contactId, name } });
      const conversation = await db.conversation.create({
        data: {
          accountId: channel.accountId,
          channelId: channel.id,
          contactId: contact.id,
          lastInboundAt,
          lastInboundKind: lastInboundAt ? "MESSAGE" : null,
          lastMessageAt: lastInboundAt ?? new Date(),
          lastMessagePreview: "Hello, is my order on its way?",
          lastMessageDirection: "INBOUND",
          unreadCount: 1,
          ...(inboundMessageId
            ? {
                messages: {
                  create: {
                    accountId: channel.accountId,
                    channelId: channel.id,
                    mid: inboundMessageId,
                    direction: "INBOUND",
                    senderKind: "CONTACT",
                    text: "Hello, is my order on its way?",
                    sentAt: lastInboundAt!,
                  },
                },
              }
            : {}),
        },
      });
      return { id: conversation.id, channelId: channel.id, contactId, simConversationId, lastInboundAt, inboundMessageId };
    },
    async sendLog(objectId) {
      const { data } = await sim.control<{ data: SendLogEntry[] }>("GET", `/send-log?since=${lastLogId}&limit=1000`);
      return objectId ? data.filter((e) => e.objectId === objectId) : data;
    },
    async conversationReads(objectId) {
      const reads = (await requestsSince(lastRequestId)).filter((r) => r.method === "GET" && /\/(conversations|messages)$/.test(r.path));
      return objectId ? reads.filter((r) => r.objectId === objectId) : reads;
    },
    async clearSendLog() {
      const { data } = await sim.control<{ data: SendLogEntry[] }>("GET", `/send-log?since=${lastLogId}&limit=100000`);
      lastLogId = Math.max(lastLogId, ...data.map((e) => e.id));
      lastRequestId = Math.max(lastRequestId, ...(await requestsSince(lastRequestId)).map((r) => r.id));
    },
    async copiesAtMeta(conversation, text) {
      const thread = await sim.control<{ messages: { direction: string; text: string | null }[] }>("GET", `/conversations/${conversation.simConversationId}`);
      return thread.messages.filter((m) => m.direction === "outbound" && m.text === text).length;
    },
    async drainWebhooks() {
      await sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
    },
    async reconnect(channel) {
      await db.channel.update({
        where: { id: channel.id },
        data: { tokenStatus: "VALID", tokenError: null, accessTokenEncrypted: sealChannelToken(channel.id, sim.pageToken(channel.metaId)) },
      });
    },
    async startJobWorker() {
      const worker = new JobWorker({ pool, handlers: jobHandlers([sendDeliverJob]), pollIntervalMs: 50, concurrency: 4 });
      await worker.start();
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop(2_000)));
      await sim.close();
      await receiver.close();
    },
  };
}

async function startEchoReceiver(handle: (body: string) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST") {
        res.writeHead(200).end(new URL(req.url ?? "/", "http://x").searchParams.get("hub.challenge") ?? "");
        return;
      }
      handle(Buffer.concat(chunks).toString("utf8"))
        .then(() => res.writeHead(200).end("EVENT_RECEIVED"))
        .catch((error: Error) => res.writeHead(500).end(error.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/meta`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
