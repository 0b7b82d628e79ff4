// typing_on and mark_seen against the Meta simulator: alone, throttled, never failing anything.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { markConversationRead } from "@/lib/conversations/mark-conversation-read";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { asSession, createTestAgent } from "@/scripts/testing/factories";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import { sendMarkSeen } from "./send-mark-seen";
import { configureSending } from "./send-settings";
import { sendTypingOn } from "./send-typing-on";

let h: SendHarness;
let restoreSettings: () => void;
beforeAll(async () => {
  h = await startSendHarness();
  restoreSettings = configureSending({ senderActionTimeoutMs: 500, typingThrottleMs: 5_000 });
});
afterAll(async () => {
  restoreSettings?.();
  await h?.close();
});
beforeEach(async () => {
  await h.sim.control("DELETE", "/faults");
  await h.clearSendLog();
});

describe("sender actions", () => {
  it("typing_on goes alone (recipient + sender_action), at most once per conversation every 5 s", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const first = await sendTypingOn({ agent: h.agent, conversationId: conversation.id });
    expect(first.typing).toBe("queued");
    expect(await first.delivery).toBe("sent");
    const second = await sendTypingOn({ agent: h.agent, conversationId: conversation.id });
    expect(second).toEqual({ typing: "throttled", delivery: null });

    const log = await h.sendLog();
    expect(log).toHaveLength(1);
    expect(log[0]!.request).toEqual({ recipient: { id: conversation.contactId }, sender_action: "typing_on" });
    expect(log[0]!.status).toBe(200);

    // Another conversation is not held back by the first one's throttle.
    const other = await h.conversation(h.instagram, { hours: 1 });
    expect(await (await sendTypingOn({ agent: h.agent, conversationId: other.id })).delivery).toBe("sent");
  });

  it("typing: of 20 reports at once exactly one goes to Meta; once the interval has passed the next one goes", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    // A long interval while the 20 race (however slow the machine), none at all afterwards.
    const restore = configureSending({ typingThrottleMs: 60_000 });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => sendTypingOn({ agent: h.agent, conversationId: conversation.id })));
      expect(results.filter((r) => r.typing === "queued")).toHaveLength(1);
      configureSending({ typingThrottleMs: 1 });
      await new Promise((r) => setTimeout(r, 20));
      const later = await sendTypingOn({ agent: h.agent, conversationId: conversation.id });
      expect(later.typing).toBe("queued");
      // Both calls reached Meta (a slow one may outlive its 500 ms wait here): nothing is left in flight.
      const typingAtMeta = async () => (await h.sendLog()).filter((e) => e.request.sender_action === "typing_on").length;
      await expect.poll(typingAtMeta, { timeout: 10_000 }).toBe(2);
    } finally {
      restore();
    }
  });

  it("mark_seen goes alone and resets Meta's unread count", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    expect(await sendMarkSeen(conversation.id)).toBe("sent");
    const [entry] = await h.sendLog();
    expect(entry!.request).toEqual({ recipient: { id: conversation.contactId }, sender_action: "mark_seen" });
    const summary = await h.sim.control<{ unreadCount: number }>("GET", `/conversations/${conversation.simConversationId}`);
    expect(summary.unreadCount).toBe(0);
  });

  it("an agent opening an unread conversation sends mark_seen once; opening it again sends nothing", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await db.conversation.update({ where: { id: conversation.id }, data: { unreadCount: 2 } });
    expect(await markConversationRead({ agent: h.agent, conversationId: conversation.id })).toEqual({ unreadCount: 0 });
    await expect.poll(async () => (await h.sendLog()).map((e) => e.request), { timeout: 3_000 }).toEqual([
      { recipient: { id: conversation.contactId }, sender_action: "mark_seen" },
    ]);
    await markConversationRead({ agent: h.agent, conversationId: conversation.id });
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("outside the 24-hour window nothing is sent (Meta refuses untagged sender actions there)", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    expect(await sendMarkSeen(conversation.id)).toBe("outside_window");
    expect(await (await sendTypingOn({ agent: h.agent, conversationId: conversation.id })).delivery).toBe("outside_window");
    expect(await h.sendLog()).toEqual([]);
  });

  it("never throws and never waits long: an error or a hanging Meta is only logged", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "serverError" });
    expect(await sendMarkSeen(conversation.id)).toBe("failed");
    await h.sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "timeout" });
    const started = Date.now();
    expect(await sendMarkSeen(conversation.id)).toBe("failed");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await sendMarkSeen(crypto.randomUUID())).toBe("not_found");
  });

  it("typing is refused (404) for a conversation outside the agent's channels", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const outsider = asSession(await createTestAgent(h.accountId, "AGENT"));
    const error = await sendTypingOn({ agent: outsider, conversationId: conversation.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
    expect(await h.sendLog()).toEqual([]);
  });
});
