// Time travel for one conversation: how long ago the person last opened the window, and moving its whole
// history so that this is a given age (control API `POST /conversations/:id/age`).

import { HOUR } from "./clock";
import { ControlError } from "./control-error";
import type { Simulator } from "./simulator";
import type { ConversationRec } from "./world";

/**
 * Rewrites a conversation's history so the person's last window-opening action was `agoMs` ago; every
 * message moves by the same delta (order kept), nothing ends up in the future.
 */
export function setConversationAge(sim: Simulator, convId: string, agoMs: number): ConversationRec {
  const conv = sim.world.conversations.get(convId);
  if (!conv) throw new ControlError(404, `no conversation ${convId}`);
  const now = sim.now();
  const lastInbound = [...conv.messages].reverse().find((m) => !m.fromPage);
  const anchor = conv.lastOpenerAt ?? lastInbound?.createdTime ?? conv.updatedTime;
  const delta = now - agoMs - anchor;
  for (const m of conv.messages) m.createdTime += delta;
  if (conv.lastOpenerAt !== null) conv.lastOpenerAt += delta;
  else if (lastInbound) {
    conv.lastOpenerAt = lastInbound.createdTime;
    conv.lastOpenerKind = "MESSAGE";
  }
  conv.pageSeenAt = conv.pageSeenAt > 0 ? conv.pageSeenAt + delta : 0;
  conv.customerReadAt = conv.customerReadAt > 0 ? conv.customerReadAt + delta : 0;
  conv.customerDeliveredAt = conv.customerDeliveredAt > 0 ? conv.customerDeliveredAt + delta : 0;
  // Page messages after the opener may now lie in the future: pull them back to just before now.
  const future = conv.messages.filter((m) => m.createdTime > now);
  future.forEach((m, i) => {
    m.createdTime = now - (future.length - i);
  });
  sim.world.resortMessages(conv);
  sim.touch();
  return conv;
}

export function conversationAgeHours(sim: Simulator, conv: ConversationRec): number | null {
  return conv.lastOpenerAt === null ? null : (sim.now() - conv.lastOpenerAt) / HOUR;
}
