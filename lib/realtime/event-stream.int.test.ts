import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { asSession, createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";
import { agentEventStream } from "./event-stream";
import type { RealtimeEvent } from "./events";
import { publishRealtime } from "./publish";
import { setAgentChannels } from "@/lib/agents/set-agent-channels";
import { updateAgent } from "@/lib/agents/update-agent";

/** Reads SSE frames from a stream until `count` named events arrived (or the stream closed). */
async function readEvents(stream: ReadableStream<Uint8Array>, count: number, timeoutMs = 3_000) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value);
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (name && data) events.push({ event: name, data: JSON.parse(data) });
    }
  }
  reader.releaseLock();
  return events;
}

describe("agent event stream", () => {
  it("delivers committed events of the agent's channels only", async () => {
    const account = await createAccount();
    const [mine, other] = [await createChannel(account.id), await createChannel(account.id)];
    const foreignAccount = await createAccount();
    const foreign = await createChannel(foreignAccount.id);
    const agent = await createTestAgent(account.id, "AGENT");
    await db.pageMembership.create({ data: { agentId: agent.id, channelId: mine.id } });
    const abort = new AbortController();
    const stream = agentEventStream(asSession(agent), abort.signal);
    const reading = readEvents(stream, 2);
    await new Promise((r) => setTimeout(r, 300)); // LISTEN is established
    const event = (channelId: string, accountId = account.id): RealtimeEvent => ({ type: "conversation.updated", accountId, channelId, conversationId: crypto.randomUUID() });
    const visible = event(mine.id);
    await publishRealtime([event(other.id), event(foreign.id, foreignAccount.id)]);
    // A rolled-back transaction publishes nothing.
    await db.$transaction(async (tx) => {
      await publishRealtime([event(mine.id)], tx);
      throw new Error("rollback");
    }).catch(() => {});
    await publishRealtime([visible]);
    const received = await reading;
    abort.abort();
    expect(received.map((e) => e.event)).toEqual(["ready", "conversation.updated"]);
    expect(received[1]!.data).toEqual(visible);
  });

  it("managers receive every channel of their account", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const manager = await createTestAgent(account.id, "MANAGER");
    const abort = new AbortController();
    const reading = readEvents(agentEventStream(asSession(manager), abort.signal), 2);
    await new Promise((r) => setTimeout(r, 300));
    await publishRealtime([{ type: "channel.updated", accountId: account.id, channelId: channel.id }]);
    const received = await reading;
    abort.abort();
    expect(received.map((e) => e.event)).toEqual(["ready", "channel.updated"]);
  });

  it("closes when the agent is deactivated", async () => {
    const account = await createAccount();
    const agent = await createTestAgent(account.id, "MANAGER");
    const stream = agentEventStream(asSession(agent), new AbortController().signal, { recheckMs: 200 });
    const reader = stream.getReader();
    await reader.read(); // retry hint
    await db.agent.update({ where: { id: agent.id }, data: { active: false } });
    let done = false;
    const deadline = Date.now() + 3_000;
    while (!done && Date.now() < deadline) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  it("a channel assigned to an agent reaches their open stream at once, not at the next re-check", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const agent = await createTestAgent(account.id, "AGENT");
    const admin = await createTestAgent(account.id, "ADMIN");
    const abort = new AbortController();
    const reading = readEvents(agentEventStream(asSession(agent), abort.signal, { recheckMs: 600_000 }), 3, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    const update: RealtimeEvent = { type: "conversation.updated", accountId: account.id, channelId: channel.id, conversationId: crypto.randomUUID() };
    await publishRealtime([update]); // not theirs yet: not delivered
    await setAgentChannels({ accountId: account.id, actorId: admin.id, agentId: agent.id, channelIds: [channel.id] });
    await new Promise((r) => setTimeout(r, 500)); // the stream re-read the agent's channels
    await publishRealtime([update]);
    const received = await reading;
    abort.abort();
    expect(received.map((e) => e.event)).toEqual(["ready", "access.changed", "conversation.updated"]);
    expect(received[1]!.data).toEqual({ type: "access.changed", accountId: account.id, agentId: agent.id });
  });

  it("deactivation reaches the open stream at once: a signed-out event with the reason, then the end", async () => {
    const account = await createAccount();
    const agent = await createTestAgent(account.id, "AGENT");
    const admin = await createTestAgent(account.id, "ADMIN");
    const abort = new AbortController();
    const reading = readEvents(agentEventStream(asSession(agent), abort.signal, { recheckMs: 600_000 }), 2, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    await updateAgent({ accountId: account.id, actorId: admin.id, agentId: agent.id, input: { active: false } });
    const received = await reading;
    abort.abort();
    expect(received).toEqual([
      { event: "ready", data: expect.anything() },
      { event: "signed-out", data: { reason: "deactivated" } },
    ]);
  });
});
