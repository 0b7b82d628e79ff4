// What a failed Send API call means for the outbox message. Pure.
//
//   outcome unknown  no answer (timeout, reset) or 1/1357046 ("error after send"): Meta may have sent it.
//                    Keep it PENDING; the echo carrying our metadata settles it; resend only if no echo
//                    came within the echo wait.
//   transient        5xx, codes 1/2, throttling: nothing went out. Keep it PENDING, back off (Meta's
//                    estimated_time_to_regain_access when given), try again.
//   outside window   a RESPONSE refused with 10/2018278 or 10/2534022: the caller may re-evaluate the
//                    policy and try once more as HUMAN_AGENT (REFERENCE.md §4).
//   permanent        anything else: FAILED, shown, never retried automatically.
// Whatever the kind, the last allowed attempt ends FAILED (final).
import { GraphApiError, GraphNetworkError } from "@/lib/meta/graph-error";
import { describeMetaError, type MetaErrorMeaning } from "@/lib/meta/error-map";
import { localSendError } from "./local-send-error";
import { sendSettings, transientRetryDelayMs, type SendSettings } from "./send-settings";

export type SendFailureKind = "unknown_outcome" | "transient" | "outside_window" | "permanent";

export interface SendFailure {
  kind: SendFailureKind;
  code: number | null;
  subcode: number | null;
  fbtraceId: string | null;
  /** Stored as errorMessage: Meta's message, or "[timeout] …" for a call without an answer. */
  raw: string;
  meaning: MetaErrorMeaning;
  /** No attempt follows (permanent, or the attempts are used up). */
  final: boolean;
  /** When not final: wait this long before the next attempt (or the echo check). */
  retryInMs: number | null;
}

const OUTSIDE_WINDOW_SUBCODES = new Set([2018278, 2534022]);
/** Throttling that means "stop", not "wait": Meta found our tagged messages bothersome. */
const BOTHERSOME = 2018338;

export function classifySendFailure(
  error: unknown,
  context: { attemptsMade: number; messagingType: string | null; tag: string | null },
  settings: Readonly<SendSettings> = sendSettings(),
): SendFailure {
  const attemptsLeft = context.attemptsMade < settings.maxSendAttempts;
  const humanAgentTag = context.tag === "HUMAN_AGENT";

  if (error instanceof GraphNetworkError) {
    return {
      kind: "unknown_outcome",
      code: null,
      subcode: null,
      fbtraceId: null,
      raw: localSendError("timeout", error.message),
      meaning: describeMetaError(null, null, { networkTimeout: true }),
      final: !attemptsLeft,
      retryInMs: attemptsLeft ? settings.echoWaitMs : null,
    };
  }
  if (!(error instanceof GraphApiError)) throw error;

  const base = {
    code: error.code,
    subcode: error.subcode,
    fbtraceId: error.fbtraceId,
    raw: error.message,
    meaning: describeMetaError(error.code, error.subcode, { humanAgentTag, metaMessage: error.message }),
  };
  if (error.matches(1, 1357046)) {
    return { ...base, kind: "unknown_outcome", final: !attemptsLeft, retryInMs: attemptsLeft ? settings.echoWaitMs : null };
  }
  if (error.isTransient && error.subcode !== BOTHERSOME) {
    const retryInMs = attemptsLeft ? transientRetryDelayMs(context.attemptsMade, error.retryAfterMs, settings) : null;
    return { ...base, kind: "transient", final: !attemptsLeft, retryInMs };
  }
  if (error.code === 10 && error.subcode !== null && OUTSIDE_WINDOW_SUBCODES.has(error.subcode) && context.messagingType === "RESPONSE") {
    return { ...base, kind: "outside_window", final: true, retryInMs: null };
  }
  return { ...base, kind: "permanent", final: true, retryInMs: null };
}
