// Builds review data at chosen local times: conversations, messages, notes and the audit events the send
// and inbox paths record (shapes of lib/audit/record-audit-event.ts). Replies ask the real window policy
// how they may go out, so messaging type, tag, hours since the person's message and the blocked decisions
// are what production would store. Used by the report integration tests and the demo seed
// (scripts/demo/seed-review-scenario.ts), so both show the numbers worked out by hand in REVIEW_SCENARIO_*.
import { randomUUID } from "node:crypto";
import type { SendDecisionAudit } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { ConversationStatus, Platform, Prisma } from "@/lib/generated/prisma/client";
import { decideWindow, HOUR_MS, type WindowDecision } from "@/lib/policy/window-policy";
import { sendDecisionAudit } from "@/lib/send/send-decision-audit";
import { addDays, zonedTimeToUtc } from "@/lib/reports/zoned-time";

export interface ScenarioChannel {
  id: string;
  accountId: string;
  platform: Platform;
  humanAgentEnabled: boolean;
}

/** `at(day, "HH:mm")`: that local wall time, `day` days after the anchor day, in the account's zone. */
export function scenarioClock(anchor: string, timeZone: string) {
  return (day: number, time: string) => zonedTimeToUtc(`${addDays(anchor, day)}T${time}`, timeZone);
}

function audit(accountId: string, conversationId: string, actorId: string | null, type: string, data: object, at: Date) {
  return db.auditEvent.create({ data: { accountId, conversationId, actorId, type, data: data as Prisma.InputJsonObject, createdAt: at } });
}

function decisionAudit(channel: ScenarioChannel, lastInboundAt: Date | null, at: Date, decision: WindowDecision): SendDecisionAudit {
  return sendDecisionAudit(
    { platform: channel.platform, lastInboundAt, lastInboundKind: lastInboundAt ? "MESSAGE" : null, now: at, sender: "HUMAN", humanAgentEnabled: channel.humanAgentEnabled },
    decision,
  );
}

/** One conversation being written, event by event, in time order. */
export class ScenarioThread {
  private lastInboundAt: Date | null = null;
  private lastMessage: { at: Date; text: string; direction: "INBOUND" | "OUTBOUND" } | null = null;
  private firstResponseAt: Date | null = null;
  private status: ConversationStatus = "OPEN";
  private assigneeId: string | null = null;
  private seq = 0;

  constructor(
    readonly id: string,
    readonly channel: ScenarioChannel,
    private readonly label: string,
  ) {}

  private mid() {
    this.seq += 1;
    return `m_${this.label}_${this.seq}_${randomUUID().slice(0, 8)}`;
  }

  private base() {
    return { accountId: this.channel.accountId, channelId: this.channel.id, conversationId: this.id };
  }

  /** A message from the person (a window opener). */
  async inbound(at: Date, text: string) {
    await db.message.create({ data: { ...this.base(), mid: this.mid(), direction: "INBOUND", senderKind: "CONTACT", text, sentAt: at } });
    this.lastInboundAt = at;
    this.lastMessage = { at, text, direction: "INBOUND" };
    return this;
  }

  private decide(at: Date) {
    return decideWindow({
      platform: this.channel.platform,
      lastInboundAt: this.lastInboundAt,
      lastInboundKind: this.lastInboundAt ? "MESSAGE" : null,
      now: at,
      sender: "HUMAN",
      humanAgentEnabled: this.channel.humanAgentEnabled,
    });
  }

  /**
   * An agent's reply as the policy allows it at `at`; with `failure`, Meta refused it (final, no retry).
   * Throws when the policy would block it: the scenario is wrong, not the code under test.
   */
  async reply(at: Date, agentId: string, text: string, failure?: { code: number; subcode: number | null; fbtraceId: string }) {
    const decision = this.decide(at);
    if (!decision.allowed) throw new Error(`scenario: a reply at ${at.toISOString()} would be blocked (${decision.reason})`);
    const message = await db.message.create({
      data: {
        ...this.base(),
        mid: failure ? null : this.mid(),
        direction: "OUTBOUND",
        senderKind: "AGENT",
        agentId,
        text,
        sentAt: at,
        recordedAt: at,
        messagingType: decision.messagingType,
        tag: decision.tag,
        sendStatus: failure ? "FAILED" : "SENT",
        hoursSinceInbound: decision.hoursSinceInbound,
        idempotencyKey: randomUUID(),
        sendAttempts: 1,
        ...(failure
          ? { errorCode: failure.code, errorSubcode: failure.subcode, errorMessage: "(#551) This person isn't available right now.", fbtraceId: failure.fbtraceId }
          : {}),
      },
    });
    const allowed = decisionAudit(this.channel, this.lastInboundAt, at, decision);
    await audit(this.channel.accountId, this.id, agentId, "send.allowed", { ...allowed, messageId: message.id }, at);
    if (failure) {
      await audit(this.channel.accountId, this.id, agentId, "send.failed", { messageId: message.id, code: failure.code, subcode: failure.subcode, fbtraceId: failure.fbtraceId, final: true }, at);
    } else {
      await audit(
        this.channel.accountId,
        this.id,
        agentId,
        "send.sent",
        { messageId: message.id, mid: message.mid, messagingType: decision.messagingType, tag: decision.tag, hoursSinceInbound: decision.hoursSinceInbound },
        at,
      );
      this.firstResponseAt ??= at;
      this.lastMessage = { at, text, direction: "OUTBOUND" };
    }
    return this;
  }

  /** An agent tried to send but the policy refused: only an audit event, no message. */
  async blockedAttempt(at: Date, agentId: string, text: string) {
    const decision = this.decide(at);
    if (decision.allowed) throw new Error(`scenario: a send at ${at.toISOString()} would be allowed`);
    const data = { ...decisionAudit(this.channel, this.lastInboundAt, at, decision), textLength: text.length, attachmentCount: 0 };
    await audit(this.channel.accountId, this.id, agentId, "send.blocked", data, at);
    return this;
  }

  async assign(at: Date, actorId: string, to: string | null) {
    await audit(this.channel.accountId, this.id, actorId, "conversation.assigned", { from: this.assigneeId, to }, at);
    this.assigneeId = to;
    return this;
  }

  async setStatus(at: Date, actorId: string, to: ConversationStatus) {
    await audit(this.channel.accountId, this.id, actorId, "conversation.status_changed", { from: this.status, to, snoozedUntil: null }, at);
    this.status = to;
    return this;
  }

  async note(at: Date, authorId: string, body: string) {
    const note = await db.note.create({ data: { accountId: this.channel.accountId, conversationId: this.id, authorId, body, createdAt: at } });
    await audit(this.channel.accountId, this.id, authorId, "note.added", { noteId: note.id }, at);
    return this;
  }

  /** Writes the conversation's summary columns as the sync and send paths would have left them. */
  async finish() {
    await db.conversation.update({
      where: { id: this.id },
      data: {
        status: this.status,
        assigneeId: this.assigneeId,
        lastInboundAt: this.lastInboundAt,
        lastInboundKind: this.lastInboundAt ? "MESSAGE" : null,
        lastMessageAt: this.lastMessage?.at ?? null,
        lastMessagePreview: this.lastMessage?.text ?? null,
        lastMessageDirection: this.lastMessage?.direction ?? null,
        firstResponseAt: this.firstResponseAt,
        resolvedAt: this.status === "RESOLVED" ? (this.lastMessage?.at ?? null) : null,
        unreadCount: this.lastMessage?.direction === "INBOUND" ? 1 : 0,
      },
    });
  }
}

/**
 * The audit event connecting a channel records (lib/channels/connect-page.ts), dated `at`: reports count a
 * window lapse only while its channel was connected (lib/reports/report-sql.ts).
 */
export function recordChannelConnected(channel: Pick<ScenarioChannel, "id" | "accountId">, at: Date, actorId: string | null = null) {
  return db.auditEvent.create({ data: { accountId: channel.accountId, actorId, type: "channel.connected", data: { channelId: channel.id }, createdAt: at } });
}

let threadCounter = 0;

/** A new conversation with a new person on `channel`. */
export async function createScenarioThread(channel: ScenarioChannel, name: string): Promise<ScenarioThread> {
  threadCounter += 1;
  const label = `${name.toLowerCase().replace(/[^a-z]+/g, "")}${threadCounter}`;
  const prefix = channel.platform === "INSTAGRAM" ? "IGSID" : "PSID";
  const contact = await db.contact.create({
    data: { accountId: channel.accountId, channelId: channel.id, platformUserId: `${prefix}-review-${label}-${randomUUID().slice(0, 8)}`, name },
  });
  const conversation = await db.conversation.create({
    data: { accountId: channel.accountId, channelId: channel.id, contactId: contact.id, metaThreadId: `t_review_${label}_${randomUUID().slice(0, 8)}` },
  });
  return new ScenarioThread(conversation.id, channel, label);
}

export const HOURS = (n: number) => n * HOUR_MS;

export interface ReviewScenarioInput {
  timeZone: string;
  /** Local day D0: the scenario's week is D0..D6. */
  anchor: string;
  messenger: ScenarioChannel;
  instagram: ScenarioChannel;
  managerId: string;
  alexId: string;
  samId: string;
  /** Events after this are left out (the demo seeds "now"; tests pass a date long after the scenario). */
  now: Date;
}

export interface ReviewScenarioThreads {
  ana: ScenarioThread;
  jonas: ScenarioThread;
  yuki: ScenarioThread;
  samuel: ScenarioThread;
  priya: ScenarioThread;
  mateo: ScenarioThread;
  lea: ScenarioThread;
  noah: ScenarioThread;
  late: ScenarioThread | null;
}

/**
 * The review week (times are local to `timeZone`; D0 = anchor). Expected numbers: REVIEW_SCENARIO_EXPECTED.
 *
 *  Ana (Messenger, Alex)     D0 09:00 in · 09:10 Alex (first response 10 min) · 10:00 in · 10:30 Alex (30 min)
 *                            · 10:31 Alex follow-up (answers nothing) · 10:35 Alex resolves
 *  Jonas (Messenger, Sam)    D1 08:00 in · 08:20 in · 09:00 Sam (first response 60 min, from 08:00)
 *                            · 23:50 in · D2 00:20 Sam (30 min, across midnight) · 00:30 Sam resolves
 *  Yuki (Instagram, Alex)    D2 14:00 in · D3 13:55 standard window lapses · 15:00 Alex replies with
 *                            HUMAN_AGENT (first response 25 h, 26 h when the night between has a DST switch)
 *                            · note by Alex
 *  Samuel (Messenger, Sam)   D-7 12:00 in · D0 11:55 7-day window lapses · 14:00 Sam's send is blocked
 *  Priya (Messenger, Alex)   D3 16:00 in · 16:05 Alex's reply fails at Meta (551) · 16:20 Alex (20 min)
 *  Mateo (Instagram, none)   D4 20:00 in, never answered · D5 19:55 standard window lapses
 *  Lea (Instagram, Sam)      D5 23:30 in · D6 00:15 Sam (45 min, across midnight) · 00:20 Sam resolves
 *  Noah (Messenger, Alex)    D-1 23:50 in (before the range) · D0 00:05 Alex (15 min, counted: answered in range)
 *  Late (Messenger, Alex)    D7 00:10 in · 00:20 Alex (after the range: counted nowhere)
 */
export async function seedReviewScenario(input: ReviewScenarioInput): Promise<ReviewScenarioThreads> {
  const at = scenarioClock(input.anchor, input.timeZone);
  const { messenger, instagram, managerId: manager, alexId: alex, samId: sam } = input;
  // Both channels were connected before anything below happened.
  for (const channel of [messenger, instagram]) await recordChannelConnected(channel, at(-8, "00:00"), manager);

  const ana = await createScenarioThread(messenger, "Ana Souza");
  await ana.assign(at(0, "08:59"), manager, alex);
  await ana.inbound(at(0, "09:00"), "Hi! My order #4821 hasn't shipped yet, can you check?");
  await ana.reply(at(0, "09:10"), alex, "Hi Ana, checking with the warehouse now.");
  await ana.inbound(at(0, "10:00"), "Any news?");
  await ana.reply(at(0, "10:30"), alex, "It left this morning: tracking NW-4821.");
  await ana.reply(at(0, "10:31"), alex, "Anything else I can help with?");
  await ana.setStatus(at(0, "10:35"), alex, "RESOLVED");
  await ana.finish();

  const jonas = await createScenarioThread(messenger, "Jonas Müller");
  await jonas.assign(at(1, "07:59"), manager, sam);
  await jonas.inbound(at(1, "08:00"), "Die Jacke ist zu klein – kann ich sie umtauschen?");
  await jonas.inbound(at(1, "08:20"), "Größe L wäre super.");
  await jonas.reply(at(1, "09:00"), sam, "Klar! Ich schicke dir ein Rücksendeetikett.");
  await jonas.inbound(at(1, "23:50"), "Etikett ist angekommen, danke!");
  await jonas.reply(at(2, "00:20"), sam, "Gern geschehen!");
  await jonas.setStatus(at(2, "00:30"), sam, "RESOLVED");
  await jonas.finish();

  const yuki = await createScenarioThread(instagram, "Yuki Tanaka");
  await yuki.assign(at(2, "13:59"), manager, alex);
  await yuki.inbound(at(2, "14:00"), "サイズMは在庫ありますか？");
  await yuki.note(at(3, "09:00"), alex, "Asked the warehouse about size M; answer expected this afternoon.");
  await yuki.reply(at(3, "15:00"), alex, "Yes, size M is back in stock!");
  await yuki.finish();

  const samuel = await createScenarioThread(messenger, "Samuel Okafor");
  await samuel.assign(at(-7, "11:59"), manager, sam);
  await samuel.inbound(at(-7, "12:00"), "Can I still get the refund for order #3990?");
  await samuel.blockedAttempt(at(0, "14:00"), sam, "Sorry for the wait, Samuel: the refund is on its way.");
  await samuel.finish();

  const priya = await createScenarioThread(messenger, "Priya Nair");
  await priya.assign(at(3, "15:59"), manager, alex);
  await priya.inbound(at(3, "16:00"), "Do you ship to Canada?");
  await priya.reply(at(3, "16:05"), alex, "We do!", { code: 551, subcode: null, fbtraceId: "AbCdEfReview551" });
  await priya.reply(at(3, "16:20"), alex, "We do: 5–7 working days to Canada.");
  await priya.finish();

  const mateo = await createScenarioThread(instagram, "Mateo García");
  await mateo.inbound(at(4, "20:00"), "¿Tienen tienda en Madrid?");
  await mateo.finish();

  const lea = await createScenarioThread(instagram, "Léa Dubois");
  await lea.assign(at(5, "23:29"), manager, sam);
  await lea.inbound(at(5, "23:30"), "Le code promo NORTH10 marche encore ? 🙏");
  await lea.reply(at(6, "00:15"), sam, "Oui, jusqu'à dimanche !");
  await lea.setStatus(at(6, "00:20"), sam, "RESOLVED");
  await lea.finish();

  const noah = await createScenarioThread(messenger, "Noah Smith");
  await noah.assign(at(-1, "23:49"), manager, alex);
  await noah.inbound(at(-1, "23:50"), "Is the store open tomorrow?");
  await noah.reply(at(0, "00:05"), alex, "Yes, from 9 to 6.");
  await noah.finish();

  let late: ScenarioThread | null = null;
  if (at(7, "00:20") <= input.now) {
    late = await createScenarioThread(messenger, "Late Larry");
    await late.inbound(at(7, "00:10"), "Hello again");
    await late.reply(at(7, "00:20"), alex, "Hi!");
    await late.finish();
  }
  return { ana, jonas, yuki, samuel, priya, mateo, lea, noah, late };
}
