// Fault injection for Graph calls: seeded rates plus scripted one-shot faults ("the next send fails with
// 1/1357046 after sending"). Webhook faults (drop / duplicate / reorder) live in the dispatcher.

import type { GraphFaultRates } from "./config";
import { Rng } from "./rng";

export type EndpointKind = "send" | "conversations" | "message" | "profile" | "page" | "subscribed_apps" | "attachment_upload" | "accounts" | "oauth" | "token_refresh" | "other";

/** timeout: performed, then no answer; hang: no answer and nothing performed (lost before Meta acted). */
export type FaultEffect = "error" | "timeout" | "hang" | "errorAfterSend" | "rateLimit" | "serverError";

export interface ScriptedFault {
  id: number;
  /** Which calls it applies to (default: send). */
  endpoint: EndpointKind | "any";
  /** Only for this Page / IG account id. */
  objectId?: string;
  effect: FaultEffect;
  /** For effect "error": the error to answer. */
  error?: { code: number; subcode?: number; message?: string; status?: number; type?: string; userTitle?: string; userMsg?: string };
  /** How many more calls it hits. */
  remaining: number;
}

export interface FaultDecision {
  effect: FaultEffect;
  scripted?: ScriptedFault;
}

export class FaultInjector {
  private rng: Rng;
  private seq = 0;
  scripted: ScriptedFault[] = [];
  counters: Record<FaultEffect, number> = { error: 0, timeout: 0, hang: 0, errorAfterSend: 0, rateLimit: 0, serverError: 0 };

  constructor(
    seed: number | string,
    private readonly rates: () => GraphFaultRates,
  ) {
    this.rng = new Rng(`faults:${seed}`);
  }

  reseed(seed: number | string): void {
    this.rng = new Rng(`faults:${seed}`);
  }

  add(f: Omit<ScriptedFault, "id" | "remaining"> & { times?: number }): ScriptedFault {
    const fault: ScriptedFault = { ...f, id: ++this.seq, remaining: f.times ?? 1 };
    delete (fault as { times?: number }).times;
    this.scripted.push(fault);
    return fault;
  }

  clear(): void {
    this.scripted = [];
  }

  decide(endpoint: EndpointKind, objectId: string | null): FaultDecision | null {
    const idx = this.scripted.findIndex(
      (f) => f.remaining > 0 && (f.endpoint === "any" || f.endpoint === endpoint) && (f.objectId === undefined || f.objectId === objectId),
    );
    if (idx >= 0) {
      const f = this.scripted[idx] as ScriptedFault;
      f.remaining--;
      if (f.remaining <= 0) this.scripted.splice(idx, 1);
      this.counters[f.effect]++;
      return { effect: f.effect, scripted: f };
    }
    const r = this.rates();
    if (r.scope === "send" && endpoint !== "send") return null;
    if (endpoint === "oauth") return null;
    const roll = (p: number) => p > 0 && this.rng.chance(p);
    let effect: FaultEffect | null = null;
    if (roll(r.serverError)) effect = "serverError";
    else if (roll(r.rateLimit)) effect = "rateLimit";
    else if (roll(r.timeout)) effect = "timeout";
    else if (endpoint === "send" && roll(r.errorAfterSend)) effect = "errorAfterSend";
    if (!effect) return null;
    this.counters[effect]++;
    return { effect };
  }
}
