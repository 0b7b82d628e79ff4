// An independent Messenger client, written by others against the real Graph API, drives the simulator
// unchanged: messaging-api-messenger (Yoctol, pinned in package.json) with only its `origin` pointed here.
// It signs every call with appsecret_proof, sends JSON bodies with its own defaults (messaging_type UPDATE),
// batches as a JSON body, and turns Meta's error envelope into its own error messages.

import { MessengerBatch, MessengerClient } from "messaging-api-messenger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { HOUR } from "../src/clock";
import type { ConversationRec, PageRec } from "../src/world";
import { APP_SECRET, T0, startTestSim } from "./helpers";

let sim: RunningSimulator;
let page: PageRec;
let client: MessengerClient;

beforeAll(async () => {
  sim = await startTestSim({ dataset: "demo", config: { app: { requireAppsecretProof: true } } });
  page = [...sim.sim.world.pages.values()][0]!;
  client = new MessengerClient({ accessToken: sim.pageToken(page.id), appSecret: APP_SECRET, version: "24.0", origin: sim.url });
});
afterAll(() => sim.close());

const conversationAged = (minHours: number, maxHours: number): ConversationRec =>
  sim.sim.world.sortedConversations(page.id).find((c) => c.lastOpenerAt !== null && T0 - c.lastOpenerAt > minHours * HOUR && T0 - c.lastOpenerAt < maxHours * HOUR)!;
const lastMessage = (c: ConversationRec) => c.messages[c.messages.length - 1]!;

/** The client's rejection, as its users see it: its message and Meta's error it carries. */
async function failure(call: Promise<unknown>): Promise<{ message: string; error: Record<string, unknown> }> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { response?: { data?: { error?: Record<string, unknown> } } }) | null;
  expect(error, "the call should have failed").not.toBeNull();
  return { message: error!.message, error: error!.response?.data?.error ?? {} };
}

describe("messaging-api-messenger against the simulator", () => {
  it("sends text (its default messaging_type UPDATE, and RESPONSE)", async () => {
    const c = conversationAged(0, 1);
    const update = await client.sendText(c.contactId, "Hello from another client");
    expect(update).toEqual({ recipientId: c.contactId, messageId: expect.stringMatching(/^m_/) });
    expect(lastMessage(c)).toMatchObject({ id: update.messageId, text: "Hello from another client", messagingType: "UPDATE" });
    const response = await client.sendText(c.contactId, "Still here?", { messagingType: "RESPONSE" });
    expect(lastMessage(c)).toMatchObject({ id: response.messageId, messagingType: "RESPONSE" });
  });

  it("sends an attachment by URL", async () => {
    const c = conversationAged(0, 1);
    const sent = await client.sendImage(c.contactId, "https://example.com/pictures/boots.jpg");
    expect(sent).toEqual({ recipientId: c.contactId, messageId: expect.stringMatching(/^m_/) });
    expect(lastMessage(c).attachments).toMatchObject([{ type: "image", sourceUrl: "https://example.com/pictures/boots.jpg", name: "boots.jpg" }]);
  });

  it("sends sender actions: typing on and off, mark seen", async () => {
    const c = conversationAged(0, 1);
    const before = c.messages.length;
    expect(await client.typingOn(c.contactId)).toEqual({ recipientId: c.contactId });
    expect(await client.typingOff(c.contactId)).toEqual({ recipientId: c.contactId });
    expect(await client.markSeen(c.contactId)).toEqual({ recipientId: c.contactId });
    expect(c.messages.length).toBe(before);
    expect(c.pageSeenAt).toBe(T0);
  });

  it("reads a profile and the Page", async () => {
    const c = conversationAged(0, 1);
    const person = sim.sim.world.contacts.get(c.contactId)!;
    expect(await client.getUserProfile(c.contactId)).toMatchObject({ id: c.contactId, firstName: person.firstName, lastName: person.lastName, profilePic: expect.stringContaining("/__cdn/avatar/") });
    expect(await client.getPageInfo()).toMatchObject({ id: page.id, name: page.name });
  });

  it("sends a batch", async () => {
    const c = conversationAged(0, 1);
    const results = await client.sendBatch([MessengerBatch.sendText(c.contactId, "one"), MessengerBatch.sendText(c.contactId, "two", { messagingType: "RESPONSE" })]);
    expect(results.map((r: { code: number }) => r.code)).toEqual([200, 200]);
    expect(c.messages.slice(-2).map((m) => m.text)).toEqual(["one", "two"]);
  });

  it("parses Meta's errors: unknown person, closed window, invalid token", async () => {
    const unknown = await failure(client.sendText("1000000000000001", "anyone?"));
    expect(unknown.message).toBe("Messenger API - 100 OAuthException (#100) No matching user found");
    expect(unknown.error).toMatchObject({ code: 100, errorSubcode: 2018001, fbtraceId: expect.any(String) });

    const late = conversationAged(48, 6 * 24);
    const closed = await failure(client.sendText(late.contactId, "Sorry for the wait", { messagingType: "RESPONSE" }));
    expect(closed.message).toMatch(/^Messenger API - 10 OAuthException \(#10\) /);
    expect(closed.error).toMatchObject({ code: 10, errorSubcode: 2018278 });

    const revoked = new MessengerClient({ accessToken: "EAAnot-a-token", appSecret: APP_SECRET, version: "24.0", origin: sim.url });
    const invalid = await failure(revoked.sendText(late.contactId, "hi"));
    expect(invalid.message).toBe("Messenger API - 190 OAuthException Invalid OAuth access token - Cannot parse access token");
  });
});
