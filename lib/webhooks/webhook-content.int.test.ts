// Webhook content that must not break storing (issue 11 §1): NUL characters, oversized fields, Instagram story
// replies, stickers during Meta's 2026 transition, events naming the channel itself as the person, and one
// poisonous item among good ones. Each goes through the real receiver and processor into a real Postgres.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { db } from "@/lib/db";
import { messageViewSelect, toMessageView } from "@/lib/messages/message-view";
import { createAccount } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";
import { processWebhookEvents } from "./process-webhook-events";
import { receiveWebhook } from "./receive-webhook";

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

type Json = Record<string, unknown>;
const AT = 1_800_000_000_000;

async function channels() {
  const account = await createAccount();
  const n = Math.floor(Math.random() * 1e9);
  const pageId = `1000${n}`;
  const igId = `1784${n}`;
  const page = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: pageId, pageMetaId: pageId, name: "Page" } });
  const ig = await db.channel.create({ data: { accountId: account.id, platform: "INSTAGRAM", metaId: igId, pageMetaId: pageId, name: "IG" } });
  return { account, page, ig };
}

async function post(body: string) {
  const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
  const answer = await receiveWebhook(new Uint8Array(Buffer.from(body)), signature);
  expect(answer.status).toBe(200);
}

function envelope(object: "page" | "instagram", entryId: string, items: Json[]): string {
  return JSON.stringify({ object, entry: [{ id: entryId, time: AT, messaging: items }] });
}

const inbound = (channelMetaId: string, person: string, at: number, message: Json): Json => ({ sender: { id: person }, recipient: { id: channelMetaId }, timestamp: at, message });

async function drain() {
  while ((await processWebhookEvents({ limit: 25 })) > 0) {
    /* until nothing is pending */
  }
}

const messageByMid = async (mid: string) => toMessageView(await db.message.findFirstOrThrow({ where: { mid }, select: messageViewSelect }));

describe("webhook content", () => {
  it("stores a message containing NUL characters without them, keeping the rest (and its edit, reaction and postback)", async () => {
    const { page } = await channels();
    // JSON's \u0000 escape: valid JSON, valid signature — and a character Postgres text and jsonb refuse.
    await post(
      envelope("page", page.metaId, [
        inbound(page.metaId, "7100", AT, { mid: "m_nul", text: "Bonjour\u0000 où est\u0000 ma commande ?", quick_reply: { payload: "Q\u0000R" } }),
        { sender: { id: "7100" }, recipient: { id: page.metaId }, timestamp: AT + 1, postback: { mid: "m_nul_pb", title: "Suivi\u0000", payload: "TRACK\u0000" } },
        { sender: { id: "7100" }, recipient: { id: page.metaId }, timestamp: AT + 2, message_edit: { mid: "m_nul_later", text: "edited\u0000 text", num_edit: 1 } },
        { sender: { id: "7100" }, recipient: { id: page.metaId }, timestamp: AT + 3, reaction: { mid: "m_nul", action: "react", emoji: "❤\u0000", reaction: "love" } },
      ]),
    );
    await drain();
    const message = await messageByMid("m_nul");
    expect(message.text).toBe("Bonjour où est ma commande ?");
    expect(message.payload).toMatchObject({ quickReply: "QR" });
    expect(message.reactions).toEqual([expect.objectContaining({ emoji: "❤" })]);
    expect((await messageByMid("m_nul_pb")).payload).toMatchObject({ title: "Suivi", payload: "TRACK" });
    await post(envelope("page", page.metaId, [inbound(page.metaId, "7100", AT + 1_000, { mid: "m_nul_later", text: "original" })]));
    await drain();
    expect((await messageByMid("m_nul_later")).text).toBe("edited text");
    expect(await db.webhookEvent.count({ where: { status: { not: "PROCESSED" } } })).toBe(0);
  });

  it("a correctly signed 5 MB webhook is stored with every field capped (text, payloads, urls, titles, referral)", async () => {
    const { page } = await channels();
    const huge = "x".repeat(5 * 1024 * 1024);
    const body = envelope("page", page.metaId, [
      inbound(page.metaId, "7200", AT, {
        mid: "m_huge",
        text: `Bonjour ${huge}`,
        quick_reply: { payload: huge.slice(0, 200_000) },
        attachments: [{ type: "file", payload: { url: `https://cdn.example/${huge.slice(0, 100_000)}`, title: huge.slice(0, 100_000) } }],
        referral: { ref: huge.slice(0, 100_000), source: "ADS", ad_id: "42", ads_context_data: { ad_title: huge.slice(0, 100_000) } },
      }),
    ]);
    expect(Buffer.byteLength(body)).toBeGreaterThan(5 * 1024 * 1024);
    await post(body);
    await drain();
    const row = await db.message.findFirstOrThrow({ where: { mid: "m_huge" } });
    expect(row.text!.startsWith("Bonjour xxx")).toBe(true);
    expect(row.text!.length).toBeLessThanOrEqual(20_000);
    // Everything we keep of one message stays within a few tens of kilobytes.
    expect(JSON.stringify(row).length).toBeLessThan(64 * 1024);
    expect(row.attachments).toEqual([expect.objectContaining({ type: "file", url: null })]);
  });

  it("an Instagram story reply keeps the story it answers", async () => {
    const { ig } = await channels();
    await post(
      envelope("instagram", ig.metaId, [
        inbound(ig.metaId, "7300", AT, { mid: "ig_story_reply", text: "Love this look!", reply_to: { story: { url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1789&signature=x", id: "17890000000000001" } } }),
      ]),
    );
    await drain();
    const message = await messageByMid("ig_story_reply");
    expect(message.text).toBe("Love this look!");
    expect(message.replyToStory).toEqual({ id: "17890000000000001", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1789&signature=x" });
  });

  it("a sticker during Meta's transition (sticker + its image duplicate) is one sticker; ig_post is a shared post", async () => {
    const { page, ig } = await channels();
    await post(
      envelope("page", page.metaId, [
        inbound(page.metaId, "7400", AT, {
          mid: "m_sticker",
          attachments: [
            { type: "image", payload: { url: "https://scontent.xx.fbcdn.net/sticker.png", sticker_id: 369239263222822 } },
            { type: "sticker", payload: { url: "https://scontent.xx.fbcdn.net/sticker.png", sticker_id: 369239263222822 } },
          ],
        }),
      ]),
    );
    await post(
      envelope("instagram", ig.metaId, [
        inbound(ig.metaId, "7401", AT, { mid: "ig_post_share", attachments: [{ type: "ig_post", payload: { url: "https://www.instagram.com/p/C0ffee/", title: "Spring drop", id: "17900000000000002" } }] }),
      ]),
    );
    await drain();
    const sticker = await db.message.findFirstOrThrow({ where: { mid: "m_sticker" }, include: { conversation: true } });
    expect(sticker.attachments).toEqual([expect.objectContaining({ type: "sticker", stickerId: "369239263222822", url: "https://scontent.xx.fbcdn.net/sticker.png" })]);
    expect(sticker.conversation.lastMessagePreview).toBe("Sticker");
    const share = await messageByMid("ig_post_share");
    expect(share.attachments).toEqual([{ type: "ig_post", url: "https://www.instagram.com/p/C0ffee/", title: "Spring drop", name: null }]);
  });

  it("an event whose person is the channel itself creates no conversation with itself", async () => {
    const { page, ig } = await channels();
    await post(envelope("page", page.metaId, [inbound(page.metaId, page.metaId, AT, { mid: "m_self", text: "talking to myself" })]));
    await post(
      envelope("instagram", ig.metaId, [
        { sender: { id: ig.metaId }, recipient: { id: ig.metaId }, timestamp: AT, message: { mid: "ig_self_echo", is_echo: true, text: "echo to myself" } },
        inbound(ig.metaId, ig.pageMetaId, AT + 1, { mid: "ig_page_as_person", text: "the linked Page is not a customer" }),
        inbound(ig.metaId, "7500", AT + 2, { mid: "ig_real", text: "a real customer" }),
      ]),
    );
    await drain();
    expect(await db.contact.findMany({ where: { channelId: { in: [page.id, ig.id] } }, select: { platformUserId: true } })).toEqual([{ platformUserId: "7500" }]);
    expect(await db.message.count({ where: { mid: { in: ["m_self", "ig_self_echo", "ig_page_as_person"] } } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { status: { not: "PROCESSED" } } })).toBe(0);
  });

  it("one item Postgres refuses does not stop the others of its POST: it is recorded and shown to admins, the rest is stored", async () => {
    const { account, page } = await channels();
    // A real database refusal for one item, whatever our code does about NUL or sizes.
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
      BEGIN IF NEW.text LIKE '%POISON%' THEN RAISE EXCEPTION 'poisoned item'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      await post(
        envelope("page", page.metaId, [
          inbound(page.metaId, "7600", AT, { mid: "m_good_1", text: "first" }),
          inbound(page.metaId, "7601", AT + 1, { mid: "m_poison", text: "POISON" }),
          inbound(page.metaId, "7602", AT + 2, { mid: "m_good_2", text: "second" }),
        ]),
      );
      await post(envelope("page", page.metaId, [inbound(page.metaId, "7603", AT + 3, { mid: "m_good_3", text: "another POST" })]));
      await drain();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_poison ON messages`);
    }
    expect((await db.message.findMany({ where: { channelId: page.id }, select: { mid: true }, orderBy: { mid: "asc" } })).map((m) => m.mid)).toEqual(["m_good_1", "m_good_2", "m_good_3"]);
    expect(await db.webhookEvent.count({ where: { status: "RECEIVED" } })).toBe(0);
    const [channel] = (await listAdminChannels(account.id)).filter((c) => c.id === page.id);
    expect(channel!.syncFailures).toMatchObject({ count: 1, lastError: expect.stringContaining("poisoned item") });
  });
});
