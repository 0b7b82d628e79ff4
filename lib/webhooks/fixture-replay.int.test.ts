// The fixture corpus (meta-simulator/fixtures: real public payloads of Meta's docs and of three open-source
// Messenger libraries) replayed three times, shuffled and re-batched, ends in exactly the database one ordered
// pass produces: processing is idempotent and independent of arrival order.
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";
import { processWebhookEvents } from "./process-webhook-events";
import { receiveWebhook } from "./receive-webhook";

const FIXTURES = path.join(import.meta.dirname, "../../meta-simulator/fixtures");
type Json = Record<string, unknown>;
interface CorpusItem {
  object: "page" | "instagram";
  placement: "messaging" | "standby";
  item: Json;
  file: string;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isItem = (v: unknown): v is Json => isObject(v) && (isObject(v.sender) || isObject(v.recipient));

/** Every messaging item of the corpus, in file order (the "ordered pass"). */
function loadCorpus(): CorpusItem[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".json")) files.push(full);
    }
  };
  walk(FIXTURES);
  const items: CorpusItem[] = [];
  for (const file of files) {
    const rel = path.relative(FIXTURES, file);
    if (rel.includes("/request/") || rel.includes("/response/") || rel.includes("/bot/")) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    const instagram = /(^|\/)ig_|instagram/i.test(rel);
    const entries = isObject(json) && Array.isArray(json.entry) ? (json.entry as unknown[]) : isObject(json) && Array.isArray(json.messaging) ? [json] : [];
    const object = isObject(json) && json.object === "instagram" ? "instagram" : instagram ? "instagram" : "page";
    for (const entry of entries) {
      if (!isObject(entry)) continue;
      for (const placement of ["messaging", "standby"] as const) {
        for (const item of Array.isArray(entry[placement]) ? (entry[placement] as unknown[]) : []) if (isItem(item)) items.push({ object, placement, item, file: rel });
      }
    }
    if (isItem(json)) items.push({ object, placement: "messaging", item: json, file: rel });
  }
  return dedupeConflictingMids(items);
}

/**
 * Different libraries reuse the same example mid for different messages; Meta never does. A mid that names
 * two different messages gets a per-file suffix (edits and reactions keep pointing at the first one).
 */
function dedupeConflictingMids(items: CorpusItem[]): CorpusItem[] {
  const seen = new Map<string, string>();
  return items.map((entry) => {
    const message = isObject(entry.item.message) ? entry.item.message : isObject(entry.item.postback) ? entry.item.postback : null;
    const mid = message && typeof message.mid === "string" ? message.mid : null;
    if (!mid) return entry;
    const content = JSON.stringify(entry.item);
    const first = seen.get(mid);
    if (first === undefined) {
      seen.set(mid, content);
      return entry;
    }
    if (first === content) return entry;
    const copy = structuredClone(entry);
    const target = (isObject(copy.item.message) ? copy.item.message : copy.item.postback) as Json;
    target.mid = `${mid}#${entry.file}`;
    return copy;
  });
}

/** Addresses an item to our test channel (entry id and the Page side of sender/recipient). */
function retarget(entry: CorpusItem, pageId: string, igId: string): { object: string; entryId: string; placement: string; item: Json } {
  const channel = entry.object === "instagram" ? igId : pageId;
  const item = structuredClone(entry.item);
  const echo = isObject(item.message) && item.message.is_echo === true;
  if (echo) item.sender = { id: channel };
  else item.recipient = { id: channel };
  return { object: entry.object, entryId: channel, placement: entry.placement, item };
}

function envelope(object: string, parts: { entryId: string; placement: string; item: Json }[]): string {
  const entries = new Map<string, Json>();
  for (const p of parts) {
    const entry = entries.get(p.entryId) ?? { id: p.entryId, time: 1_700_000_000_000 };
    ((entry[p.placement] as Json[] | undefined) ?? (entry[p.placement] = []) as Json[]).push(p.item);
    entries.set(p.entryId, entry);
  }
  return JSON.stringify({ object, entry: [...entries.values()] });
}

async function post(body: string) {
  const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
  const answer = await receiveWebhook(new Uint8Array(Buffer.from(body)), signature);
  expect(answer.status).toBe(200);
}

async function drain() {
  while ((await processWebhookEvents({ limit: 25 })) > 0) {
    /* until nothing is pending */
  }
}

/** A seeded shuffle (Mulberry32), so a failure can be reproduced. */
function shuffled<T>(list: T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Everything the processor writes for one (Messenger, Instagram) channel pair, without row ids or our clock. */
async function snapshot(channelIds: string[]) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const conversations = await db.conversation.findMany({
    where: { channelId: { in: channelIds } },
    include: { contact: true, channel: { select: { platform: true } }, messages: { include: { reactions: { orderBy: { actor: "asc" } } } } },
  });
  const pending = await db.pendingMessageUpdate.findMany({ where: { channelId: { in: channelIds } }, include: { channel: { select: { platform: true } } } });
  return {
    conversations: conversations
      .map((c) => ({
        key: `${c.channel.platform}:${c.contact.platformUserId}`,
        contact: { name: c.contact.name, username: c.contact.username },
        status: c.status,
        lastInboundAt: iso(c.lastInboundAt),
        lastInboundKind: c.lastInboundKind,
        lastMessageAt: iso(c.lastMessageAt),
        lastMessagePreview: c.lastMessagePreview,
        lastMessageDirection: c.lastMessageDirection,
        unreadCount: c.unreadCount,
        contactDeliveredUpTo: iso(c.contactDeliveredUpTo),
        contactReadUpTo: iso(c.contactReadUpTo),
        adReferralAt: iso(c.adReferralAt),
        messages: c.messages
          .map((m) => ({
            mid: m.mid,
            kind: m.kind,
            direction: m.direction,
            senderKind: m.senderKind,
            appId: m.appId,
            text: m.text,
            attachments: m.attachments,
            payload: m.payload,
            replyToMid: m.replyToMid,
            sentAt: iso(m.sentAt),
            editedAt: iso(m.editedAt),
            editCount: m.editCount,
            deletedAt: iso(m.deletedAt),
            reactions: m.reactions.map((r) => ({ actor: r.actor, emoji: r.emoji, reaction: r.reaction, reactedAt: iso(r.reactedAt) })),
          }))
          .sort((a, b) => (a.mid! < b.mid! ? -1 : 1)),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    pending: pending
      .map(({ channelId: _c, createdAt: _t, channel, ...p }) => ({ ...p, platform: channel.platform, editedAt: iso(p.editedAt), deletedAt: iso(p.deletedAt), reactedAt: iso(p.reactedAt), seenAt: iso(p.seenAt) }))
      .sort((a, b) => (`${a.platform}:${a.mid}` < `${b.platform}:${b.mid}` ? -1 : 1)),
  };
}

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

describe("fixture corpus replay", () => {
  it("three shuffled, re-batched replays give the same database as one ordered pass", async () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThan(80);
    const account = await createAccount();
    const make = (platform: "MESSENGER" | "INSTAGRAM", metaId: string, pageMetaId: string) =>
      db.channel.create({ data: { accountId: account.id, platform, metaId, pageMetaId, name: metaId } });
    const ordered = { page: await make("MESSENGER", "100000000000001", "100000000000001"), ig: await make("INSTAGRAM", "178400000000001", "100000000000001") };
    const replayed = { page: await make("MESSENGER", "100000000000002", "100000000000002"), ig: await make("INSTAGRAM", "178400000000002", "100000000000002") };

    // One ordered pass: each item in its own POST, in corpus order.
    for (const entry of corpus) {
      const part = retarget(entry, ordered.page.metaId, ordered.ig.metaId);
      await post(envelope(part.object, [part]));
    }
    await drain();

    // Three shuffled passes, items re-batched into POSTs of 1–7 items (grouped per object, as Meta does).
    for (const seed of [11, 22, 33]) {
      const items = shuffled(corpus, seed).map((entry) => retarget(entry, replayed.page.metaId, replayed.ig.metaId));
      for (let i = 0, n = 1; i < items.length; i += n, n = (n % 7) + 1) {
        const batch = items.slice(i, i + n);
        for (const object of ["page", "instagram"]) {
          const parts = batch.filter((p) => p.object === object);
          if (parts.length > 0) await post(envelope(object, parts));
        }
      }
      await drain();
    }

    const a = await snapshot([ordered.page.id, ordered.ig.id]);
    const b = await snapshot([replayed.page.id, replayed.ig.id]);
    expect(a.conversations.length).toBeGreaterThan(10);
    expect(a.conversations.reduce((n, c) => n + c.messages.length, 0)).toBeGreaterThan(40);
    expect(b).toEqual(a);
    expect(await db.webhookEvent.count({ where: { status: { not: "PROCESSED" } } })).toBe(0);
  }, 120_000);

  it("an edit, an unsend, a reaction and a seen that overtake their message are applied when it arrives", async () => {
    const account = await createAccount();
    const page = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: "100000000000077", pageMetaId: "100000000000077", name: "P" } });
    const ig = await db.channel.create({ data: { accountId: account.id, platform: "INSTAGRAM", metaId: "178400000000077", pageMetaId: "100000000000077", name: "I" } });
    const person = { id: "7001" };
    const at = 1_800_000_000_000;
    const pageItem = (item: Json) => envelope("page", [{ entryId: page.metaId, placement: "messaging", item: { sender: person, recipient: { id: page.metaId }, ...item } }]);
    const igItem = (item: Json) => envelope("instagram", [{ entryId: ig.metaId, placement: "messaging", item }]);
    // Later events first.
    await post(pageItem({ timestamp: at + 3000, message_edit: { mid: "m_late", text: "edited twice", num_edit: 2 } }));
    await post(pageItem({ timestamp: at + 2000, message_edit: { mid: "m_late", text: "edited once", num_edit: 1 } }));
    await post(pageItem({ timestamp: at + 4000, reaction: { mid: "m_late", action: "unreact" } }));
    await post(pageItem({ timestamp: at + 1000, reaction: { mid: "m_late", action: "react", emoji: "❤️", reaction: "love" } }));
    await post(pageItem({ timestamp: at + 5000, read: { watermark: at + 5000 } }));
    await post(igItem({ sender: person, recipient: { id: ig.metaId }, timestamp: at + 2000, message: { mid: "ig_late", is_deleted: true } }));
    await post(igItem({ sender: person, recipient: { id: ig.metaId }, timestamp: at + 3000, read: { mid: "ig_echo" } }));
    await drain();
    expect(await db.pendingMessageUpdate.count({ where: { channelId: { in: [page.id, ig.id] } } })).toBe(3);
    // Then the messages themselves.
    await post(pageItem({ timestamp: at, message: { mid: "m_late", text: "original" } }));
    await post(igItem({ sender: person, recipient: { id: ig.metaId }, timestamp: at, message: { mid: "ig_late", text: "oops" } }));
    await post(igItem({ sender: { id: ig.metaId }, recipient: person, timestamp: at + 1500, message: { mid: "ig_echo", is_echo: true, app_id: 263902037430900, text: "reply" } }));
    await drain();
    const late = await db.message.findFirstOrThrow({ where: { mid: "m_late" }, include: { reactions: true, conversation: true } });
    expect(late).toMatchObject({ text: "edited twice", editCount: 2 });
    expect(late.reactions).toEqual([expect.objectContaining({ actor: "CONTACT", emoji: null, reactedAt: new Date(at + 4000) })]);
    expect(late.conversation.contactReadUpTo).toEqual(new Date(at + 5000));
    // Only the react opened the window (the unreact, edits and read did not): the message at `at`, the react at at+1000.
    expect(late.conversation.lastInboundAt).toEqual(new Date(at + 1000));
    expect(late.conversation.lastInboundKind).toBe("REACTION");
    const unsent = await db.message.findFirstOrThrow({ where: { mid: "ig_late" }, include: { conversation: true } });
    expect(unsent.deletedAt).toEqual(new Date(at + 2000));
    expect(unsent.conversation.contactReadUpTo).toEqual(new Date(at + 1500));
    expect(unsent.conversation.lastMessagePreview).toBe("reply");
    expect(await db.pendingMessageUpdate.count({ where: { channelId: { in: [page.id, ig.id] } } })).toBe(0);
  });
});
