// What a failed Send API call means for the outbox message. Which Meta code is which comes from the one
// error table (lib/meta/meta-error-table.ts). Pure.
//
//   outcome unknown  no answer (timeout, reset), 1/1357046 ("error after send"), or an answer without a
//                    message id: Meta may well have sent it. Stay PENDING; the echo carrying our metadata
//                    settles it; if none came within the echo wait, the thread is read back at Meta before
//                    anything is sent again.
//   transient        Meta's service errors (codes 1/2, a 5xx without Meta's error JSON): Meta may have acted,
//                    so the thread is read back before the resend, after a short backoff. Throttling (4, 17,
//                    32, 613, 8000x): Meta did nothing; back off (Meta's estimated_time_to_regain_access
//                    when longer) and send again.
//   outside window   a RESPONSE refused with 10/2018278 or 10/2534022: the caller may re-evaluate the
//                    policy and try once more as HUMAN_AGENT (REFERENCE.md §4).
//   permanent        anything else: FAILED, shown, never sent again by itself.
//
// The Send API calls of one message are bounded (maxSendAttempts): a refusal on the last one is final; an
// unknown outcome on the last one is not — the thread is still read back to decide between SENT and FAILED,
// but nothing more is sent.
import { describeMetaError, type MetaErrorMeaning } from "@/lib/meta/error-map";
import { isGraphApiError, isGraphNetworkError } from "@/lib/meta/graph-error";
import { classifyMetaError } from "@/lib/meta/meta-error-table";
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
  /** Meta may have delivered it: the thread is read back before any resend (and before giving up). */
  mayHaveBeenSent: boolean;
  /** Nothing more happens: the message is FAILED. */
  final: boolean;
  /** When not final: wait this long before the next attempt (the read-back, or the resend). */
  retryInMs: number | null;
}

export function classifySendFailure(
  error: unknown,
  context: { attemptsMade: number; messagingType: string | null; tag: string | null },
  settings: Readonly<SendSettings> = sendSettings(),
): SendFailure {
  const attemptsLeft = context.attemptsMade < settings.maxSendAttempts;

  if (isGraphNetworkError(error)) {
    return {
      kind: "unknown_outcome",
      code: null,
      subcode: null,
      fbtraceId: null,
      raw: localSendError("timeout", error.message),
      meaning: describeMetaError(null, null, { networkTimeout: true }),
      mayHaveBeenSent: true,
      final: false,
      retryInMs: settings.echoWaitMs,
    };
  }
  // Anything else thrown by a Send API call is a bug of ours, not something Meta said.
  if (!isGraphApiError(error)) throw error;

  const metaContext = { humanAgentTag: context.tag === "HUMAN_AGENT", metaMessage: error.message };
  const kind = classifyMetaError(error.code, error.subcode, metaContext);
  const base = {
    code: error.code,
    subcode: error.subcode,
    fbtraceId: error.fbtraceId,
    raw: error.message,
    meaning: describeMetaError(error.code, error.subcode, metaContext),
  };
  switch (kind.handling) {
    case "unknown_outcome":
      return { ...base, kind: "unknown_outcome", mayHaveBeenSent: true, final: false, retryInMs: settings.echoWaitMs };
    case "service":
      return { ...base, kind: "transient", mayHaveBeenSent: true, final: false, retryInMs: transientRetryDelayMs(context.attemptsMade, error.retryAfterMs, settings) };
    case "throttled":
      return {
        ...base,
        kind: "transient",
        mayHaveBeenSent: false,
        final: !attemptsLeft,
        retryInMs: attemptsLeft ? transientRetryDelayMs(context.attemptsMade, error.retryAfterMs, settings) : null,
      };
    case "permanent":
      if (kind.humanAgentMayHelp && context.messagingType === "RESPONSE") {
        return { ...base, kind: "outside_window", mayHaveBeenSent: false, final: true, retryInMs: null };
      }
      return { ...base, kind: "permanent", mayHaveBeenSent: false, final: true, retryInMs: null };
  }
}
