// Presence across app instances: another Node process (its own pool and LISTEN connection, like a second
// web instance behind a load balancer) records a tab's heartbeat; this process's realtime stream hears it and
// its reads see it — Postgres is the only thing they share.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { agentEventStream } from "@/lib/realtime/event-stream";
import { listenRealtime } from "@/lib/conversations/listen-realtime.test-support";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";
import { listPresence, pruneExpiredPresence, recordPresence } from "./record-presence";
import type { PresentAgent } from "./presence-view";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A second app process recording one tab's heartbeats: `beat(state)` answers with the others present it sees. */
async function otherInstance(agentId: string, conversationId: string, clientId: string) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/testing/presence-instance.ts", agentId, conversationId, clientId], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value as string;
  expect(await next()).toBe("ready");
  return {
    async beat(state: string): Promise<PresentAgent[]> {
      child.stdin!.write(`${state}\n`);
      return JSON.parse(await next()) as PresentAgent[];
    },
    stop: () => child.kill("SIGKILL"),
  };
}

/** Named SSE events of a stream, as they arrive. */
function collectEvents(stream: ReadableStream<Uint8Array>) {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value);
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (name && data) events.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })();
  return events;
}

async function setUp() {
  const account = await createAccount();
  const channel = await createChannel(account.id);
  const conversation = await createConversation(channel);
  const [alex, sam] = [await createTestAgent(account.id, "AGENT"), await createTestAgent(account.id, "AGENT")];
  await db.pageMembership.createMany({ data: [alex, sam].map((a) => ({ agentId: a.id, channelId: channel.id })) });
  return { account, channel, conversation, alex, sam };
}

describe("presence across app instances", () => {
  it("a tab viewing, then typing, in another process reaches this process's stream and reads at once", async () => {
    const { conversation, alex, sam } = await setUp();
    const abort = new AbortController();
    const events = collectEvents(agentEventStream(asSession(alex), abort.signal));
    await expect.poll(() => events.some((e) => e.event === "ready")).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // LISTEN is established
    const presenceEvents = () => events.filter((e) => e.event === "presence.changed");

    // Sam's tab (other instance) sees Alex's tab once Alex is there.
    const samsInstance = await otherInstance(sam.id, conversation.id, "sam-tab-1");
    await recordPresence({ agent: asSession(alex), conversationId: conversation.id, clientId: "alex-tab-1", state: "viewing" });
    const seenBySam = await samsInstance.beat("viewing");
    expect(seenBySam).toEqual([{ agentId: alex.id, name: alex.name, typing: false }]);
    await expect.poll(() => presenceEvents().length, { timeout: 5_000 }).toBe(2);
    expect(presenceEvents()[1]!.data).toMatchObject({ type: "presence.changed", conversationId: conversation.id });
    expect(await listPresence({ agent: asSession(alex), conversationId: conversation.id })).toEqual([{ agentId: sam.id, name: sam.name, typing: false }]);

    await samsInstance.beat("typing");
    await expect.poll(() => presenceEvents().length, { timeout: 5_000 }).toBe(3);
    expect(await listPresence({ agent: asSession(alex), conversationId: conversation.id })).toEqual([{ agentId: sam.id, name: sam.name, typing: true }]);

    await samsInstance.beat("left");
    await expect.poll(() => presenceEvents().length, { timeout: 5_000 }).toBe(4);
    expect(await listPresence({ agent: asSession(alex), conversationId: conversation.id })).toEqual([]);
    samsInstance.stop();
    abort.abort();
  }, 90_000);

  it("a heartbeat that changes nothing is silent; a tab that stops heartbeating expires and is pruned", async () => {
    const { conversation, alex, sam } = await setUp();
    const listener = await listenRealtime();
    const beat = (state: "viewing" | "typing" | "left", clientId = "sam-tab") => recordPresence({ agent: asSession(sam), conversationId: conversation.id, clientId, state });
    await beat("viewing");
    await beat("viewing");
    await beat("viewing", "sam-second-tab"); // another tab of the same agent is a change (it may be the one left open)
    await beat("typing");
    await beat("typing"); // renews the typing signal, silently
    await beat("viewing");
    await beat("left", "never-there");
    await listener.settle();
    expect(listener.received.filter((e) => e.type === "presence.changed").length).toBe(4);
    await listener.close();
    // Sam's two tabs are one entry.
    expect(await listPresence({ agent: asSession(alex), conversationId: conversation.id })).toEqual([{ agentId: sam.id, name: sam.name, typing: false }]);

    await db.$executeRaw`UPDATE conversation_presence SET expires_at = now() - interval '2 minutes' WHERE agent_id = ${sam.id}::uuid`;
    expect(await listPresence({ agent: asSession(alex), conversationId: conversation.id })).toEqual([]);
    expect(await pruneExpiredPresence()).toBeGreaterThanOrEqual(2);
    expect(await db.conversationPresence.count({ where: { agentId: sam.id } })).toBe(0);
  });

  it("a deactivated agent is not shown; a conversation outside the agent's channels is a 404 and records nothing", async () => {
    const { account, conversation, alex, sam } = await setUp();
    await recordPresence({ agent: asSession(sam), conversationId: conversation.id, clientId: "sam-tab", state: "viewing" });
    await db.agent.update({ where: { id: sam.id }, data: { active: false } });
    expect(await listPresence({ agent: asSession(alex), conversationId: conversation.id })).toEqual([]);

    const outsider = await createTestAgent(account.id, "AGENT");
    const error = await recordPresence({ agent: asSession(outsider), conversationId: conversation.id, clientId: "outsider-tab", state: "viewing" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
    expect(await db.conversationPresence.count({ where: { agentId: outsider.id } })).toBe(0);
  });
});
