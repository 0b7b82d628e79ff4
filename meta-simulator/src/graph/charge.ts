// Charging a Graph call once its object is known: the object's rate-limit bucket, then the fault injector
// (scripted or random faults for that endpoint). Some effects are applied after the handler ran — a timeout
// (the work is done, the answer never comes) and an error after a successful send — through the FaultGate.

import { Errors, GraphError } from "../errors";
import type { EndpointKind } from "../faults";
import type { ChannelRef } from "../simulator";
import type { GraphContext } from "./context";

/** Post-processing fault effects requested by a handler (timeout, error after a successful send). */
type PendingEffect = "timeout" | "errorAfterSend" | null;

export class FaultGate {
  effect: PendingEffect = null;
  label: string | null = null;
}

/** A "hang" fault: the call stops here, nothing is performed, and no answer ever comes. */
export class NoAnswer extends Error {}

/** Applies scripted/rate faults for an endpoint once its object is known. */
export function applyFault(ctx: GraphContext, gate: FaultGate, kind: EndpointKind, objectId: string | null, rateLimitError: () => GraphError): void {
  const d = ctx.sim.faults.decide(kind, objectId);
  if (!d) return;
  gate.label = d.scripted ? `scripted:${d.effect}` : d.effect;
  switch (d.effect) {
    case "serverError":
      throw Errors.serviceUnavailable();
    case "rateLimit":
      throw rateLimitError();
    case "error": {
      const e = d.scripted?.error ?? { code: 1 };
      throw new GraphError({
        code: e.code,
        ...(e.subcode !== undefined ? { subcode: e.subcode } : {}),
        message: e.message ?? `(#${e.code}) Simulated error`,
        ...(e.type !== undefined ? { type: e.type } : {}),
        ...(e.status !== undefined ? { status: e.status } : {}),
        ...(e.userTitle !== undefined ? { userTitle: e.userTitle } : {}),
        ...(e.userMsg !== undefined ? { userMsg: e.userMsg } : {}),
      });
    }
    case "timeout":
      gate.effect = "timeout";
      return;
    case "hang":
      gate.effect = "timeout";
      throw new NoAnswer();
    case "errorAfterSend":
      gate.effect = kind === "send" ? "errorAfterSend" : null;
      return;
  }
}

export function limitPages(ctx: GraphContext, pageId: string): void {
  ctx.limit(pageId, "pages", "pages");
}

export function limitConversations(ctx: GraphContext, gate: FaultGate, ch: ChannelRef, kind: EndpointKind = "conversations"): void {
  ctx.limit(ch.id, "conversations", ch.platform === "instagram" ? "instagram" : "messenger");
  applyFault(ctx, gate, kind, ch.id, () => Errors.conversationsRateLimit());
}

