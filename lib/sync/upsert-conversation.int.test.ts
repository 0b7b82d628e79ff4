import { describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { createAccount, createChannel } from "@/scripts/testing/factories";
import { upsertConversation, type SyncChannel } from "./upsert-conversation";

async function syncChannel(): Promise<SyncChannel> {
  const account = await createAccount();
  const channel = await createChannel(account.id);
  return { id: channel.id, accountId: account.id, platform: "MESSENGER", metaId: channel.metaId, pageMetaId: channel.pageMetaId };
}

describe("upserting a person's contact and conversation", () => {
  it("a webhook's mention of a known person neither writes nor locks the contact: a profile lookup goes on meanwhile", async () => {
    const channel = await syncChannel();
    const first = await db.$transaction((tx) => upsertConversation(tx, channel, { platformUserId: "psid_1" }));
    expect(first).toMatchObject({ contactCreated: true, conversationCreated: true });
    const before = await db.contact.findUniqueOrThrow({ where: { id: first.contactId } });

    // A batch mentioning the person again stays open while the profile lookup writes the contact's name.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let mentioned!: () => void;
    const mention = new Promise<void>((resolve) => (mentioned = resolve));
    const batch = db.$transaction(async (tx) => {
      const again = await upsertConversation(tx, channel, { platformUserId: "psid_1" });
      expect(again).toMatchObject({ contactId: first.contactId, conversationId: first.conversationId, contactCreated: false, conversationCreated: false });
      mentioned();
      await held;
    });
    await mention;
    const lookup = await pool.connect();
    try {
      await lookup.query("BEGIN");
      await lookup.query("SET LOCAL lock_timeout = '2s'");
      await lookup.query("UPDATE contacts SET name = 'Ana Lima' WHERE id = $1", [first.contactId]);
      await lookup.query("COMMIT");
    } finally {
      lookup.release();
      release();
    }
    await batch;
    const after = await db.contact.findUniqueOrThrow({ where: { id: first.contactId } });
    expect(after.name).toBe("Ana Lima");
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("names from Graph rename a known person when they differ; a missing name keeps the one we have", async () => {
    const channel = await syncChannel();
    const { contactId } = await db.$transaction((tx) => upsertConversation(tx, channel, { platformUserId: "psid_2", name: "Ana" }));
    expect((await db.contact.findUniqueOrThrow({ where: { id: contactId } })).name).toBe("Ana");

    await db.$transaction((tx) => upsertConversation(tx, channel, { platformUserId: "psid_2", name: "Ana Lima", username: "ana.l" }));
    const renamed = await db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(renamed).toMatchObject({ name: "Ana Lima", username: "ana.l" });

    await db.$transaction((tx) => upsertConversation(tx, channel, { platformUserId: "psid_2", name: null, username: null }));
    await db.$transaction((tx) => upsertConversation(tx, channel, { platformUserId: "psid_2", name: "Ana Lima" }));
    const kept = await db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(kept).toMatchObject({ name: "Ana Lima", username: "ana.l" });
    // The same name again writes nothing.
    expect(kept.updatedAt).toEqual(renamed.updatedAt);
  });
});
