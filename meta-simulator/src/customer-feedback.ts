// Surveys the Page sends and the person answers: Messenger's Customer Feedback Template (validated at send,
// answered with a `messaging_feedback` webhook) and quick replies (any platform; the answer is a normal
// message carrying `quick_reply.payload`). Meta's rules, and the points Meta leaves open (README "Choices for
// unverified points"): one feedback screen with one question; CSAT 1–5, NPS 0–10, CES 1–7; the template
// expires after `expires_in_days` (1–7, default 1); one answer per template; quick replies answer only the
// Page's latest message, until the person writes something else.

import { ControlError } from "./control-error";
import { customerMessage, type ActionResult, type CustomerTarget } from "./customer-actions";
import { DAY } from "./clock";
import { Errors } from "./errors";
import type { ChannelRef, Simulator } from "./simulator";
import { emit } from "./webhook-payloads";
import type { MessageRec } from "./world";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Score range and score options per question type (Meta's Customer Feedback Template page). */
export const FEEDBACK_SCORES: Record<string, { min: number; max: number; options: string[] }> = {
  csat: { min: 1, max: 5, options: ["one_to_five", "five_stars", "five_emojis"] },
  nps: { min: 0, max: 10, options: ["zero_to_ten"] },
  ces: { min: 1, max: 7, options: ["one_to_seven"] },
};

/** Validates a `customer_feedback` template payload as Meta would refuse it (code 100). */
export function validateFeedbackTemplate(ch: ChannelRef, payload: Record<string, unknown>, name: string): void {
  if (ch.platform !== "messenger") throw Errors.paramInvalid(`Param ${name}[payload][template_type] customer_feedback is not supported on Instagram`);
  const str = (k: string, max: number, required: boolean) => {
    const v = payload[k];
    if (v === undefined || v === null) {
      if (required) throw Errors.paramInvalid(`Param ${name}[payload][${k}] is required`);
      return;
    }
    if (typeof v !== "string" || v.trim() === "") throw Errors.paramInvalid(`Param ${name}[payload][${k}] must be a non-empty string`);
    if ([...v].length > max) throw Errors.paramInvalid(`Param ${name}[payload][${k}] must be at most ${max} characters`);
  };
  str("title", 65, true);
  str("subtitle", 80, false);
  str("button_title", 20, true);
  const privacy = payload.business_privacy;
  if (!isObject(privacy) || typeof privacy.url !== "string" || !/^https?:\/\//i.test(privacy.url)) throw Errors.paramInvalid(`Param ${name}[payload][business_privacy][url] must be an http(s) URL`);
  if (payload.expires_in_days !== undefined) {
    const d = Number(payload.expires_in_days);
    if (!Number.isInteger(d) || d < 1 || d > 7) throw Errors.paramInvalid(`Param ${name}[payload][expires_in_days] must be an integer from 1 to 7`);
  }
  const screens = payload.feedback_screens;
  if (!Array.isArray(screens) || screens.length !== 1) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens] must hold exactly one screen`);
  const screen = screens[0];
  if (!isObject(screen) || !Array.isArray(screen.questions) || screen.questions.length !== 1) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions] must hold exactly one question`);
  const q = screen.questions[0];
  if (!isObject(q)) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0] must be an object`);
  if (typeof q.id !== "string" || !/^[A-Za-z0-9_]{1,80}$/.test(q.id)) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0][id] must be 1–80 letters, digits or _`);
  const type = typeof q.type === "string" ? q.type.trim().toLowerCase() : "";
  const score = FEEDBACK_SCORES[type];
  if (!score) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0][type] must be one of {csat, nps, ces}`);
  if (q.score_option !== undefined && !score.options.includes(String(q.score_option))) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0][score_option] must be one of {${score.options.join(", ")}}`);
  if (q.title !== undefined && (typeof q.title !== "string" || [...q.title].length > 80)) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0][title] must be a string of at most 80 characters`);
  if (q.follow_up !== undefined) {
    const f = q.follow_up;
    if (!isObject(f) || f.type !== "free_form") throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0][follow_up][type] must be free_form`);
    if (f.placeholder !== undefined && (typeof f.placeholder !== "string" || [...f.placeholder].length > 80)) throw Errors.paramInvalid(`Param ${name}[payload][feedback_screens][0][questions][0][follow_up][placeholder] must be at most 80 characters`);
  }
}

interface FeedbackQuestion {
  id: string;
  type: string;
  followUp: boolean;
}

function feedbackQuestion(m: MessageRec): FeedbackQuestion | null {
  const att = m.attachments.find((a) => a.type === "template" && isObject(a.payload) && a.payload.template_type === "customer_feedback");
  if (!att || !isObject(att.payload)) return null;
  const screens = att.payload.feedback_screens as Array<{ questions: Array<Record<string, unknown>> }>;
  const q = screens[0]!.questions[0]!;
  return { id: String(q.id), type: String(q.type).trim().toLowerCase(), followUp: q.follow_up !== undefined };
}

function expiresAt(m: MessageRec): number {
  const att = m.attachments.find((a) => a.type === "template");
  const days = isObject(att?.payload) && att.payload.expires_in_days !== undefined ? Number(att.payload.expires_in_days) : 1;
  return m.createdTime + days * DAY;
}

function personAndThread(sim: Simulator, target: { channelId: string; contactId: string }) {
  const ch = sim.channelById(target.channelId);
  if (!ch) throw new ControlError(404, `no Page or Instagram account ${target.channelId}`);
  const contact = sim.world.contacts.get(target.contactId);
  if (!contact || contact.channelId !== ch.id) throw new ControlError(404, `no person ${target.contactId} on ${ch.id}`);
  const conv = sim.world.conversationOfContact(contact.id);
  if (!conv) throw new ControlError(400, "this person has no conversation");
  return { ch, contact, conv };
}

/**
 * The person rates in the feedback template's bottom sheet: `messaging_feedback` webhook (field
 * `messaging_feedback`, Messenger). Not a window opener (unverified; the safe reading). `mid` picks the
 * template; default: the newest unanswered one.
 */
export function customerFeedback(sim: Simulator, input: { channelId: string; contactId: string; mid?: string; score: number; comment?: string }): ActionResult {
  const { ch, contact, conv } = personAndThread(sim, input);
  const candidates = conv.messages.filter((m) => m.fromPage && !m.deleted && feedbackQuestion(m) !== null);
  const m = input.mid ? candidates.find((x) => x.id === input.mid) : [...candidates].reverse().find((x) => !x.feedback);
  if (!m) throw new ControlError(400, input.mid ? `mid ${input.mid} is not a customer feedback template of this conversation` : "no unanswered customer feedback template in this conversation");
  if (m.feedback) throw new ControlError(400, "this feedback template was already answered");
  const now = sim.now();
  if (now >= expiresAt(m)) throw new ControlError(400, "this feedback template has expired");
  const q = feedbackQuestion(m) as FeedbackQuestion;
  const range = FEEDBACK_SCORES[q.type]!;
  if (!Number.isInteger(input.score) || input.score < range.min || input.score > range.max) throw new ControlError(400, `score must be an integer from ${range.min} to ${range.max} for ${q.type}`);
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  if (comment && !q.followUp) throw new ControlError(400, "this question has no free-form follow-up");
  m.feedback = { at: now, score: input.score, comment };
  sim.touch();
  const answer: Record<string, unknown> = { type: q.type, payload: String(input.score) };
  if (comment) answer.follow_up = { type: "free_form", payload: comment };
  emit(sim, ch, "messaging_feedback", { sender: { id: contact.id }, recipient: { id: ch.id }, timestamp: now, messaging_feedback: { feedback_screens: [{ screen_id: 0, questions: { [q.id]: answer } }] } }, true);
  sim.notify({ type: "message_updated", conversationId: conv.id, messageId: m.id });
  return { channelId: ch.id, platform: ch.platform, contactId: contact.id, conversationId: conv.id, messageId: m.id, timestamp: now };
}

/**
 * The person taps a quick reply: a message with the reply's title as text and `quick_reply.payload`. Only
 * the Page's latest message offers its quick replies, and only until the person writes (Messenger and
 * Instagram hide them then). `payload` or `title` picks the reply.
 */
export function customerQuickReply(sim: Simulator, input: { channelId: string; contactId: string; payload?: string; title?: string }): ActionResult {
  const { conv } = personAndThread(sim, input);
  const last = [...conv.messages].reverse().find((m) => !m.deleted);
  if (!last || !last.fromPage || !last.quickReplies || last.quickReplies.length === 0) throw new ControlError(400, "the Page's latest message offers no quick replies");
  const choice = last.quickReplies.find((q) => (input.payload !== undefined ? q.payload === input.payload : q.title === input.title));
  if (!choice) throw new ControlError(400, "no such quick reply on the Page's latest message");
  const target: CustomerTarget = { channelId: input.channelId, contactId: input.contactId };
  return customerMessage(sim, target, { text: choice.title, quickReplyPayload: choice.payload });
}
