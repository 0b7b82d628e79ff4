// What a failed (or not yet confirmed) outbound message shows the agent: Meta's errors through
// lib/meta/error-map.ts, our own failures (timeout, channel not connected, window closed on retry) here.
// Pure.
import { describeMetaError, type MetaErrorMeaning } from "@/lib/meta/error-map";
import { WINDOW_REASON_TEXT, type BlockReason } from "@/lib/policy/window-policy";
import { parseLocalSendError } from "@/lib/send/local-send-error";

export interface SendErrorContext {
  /** The tag the message went out with: a bare code 10 on a HUMAN_AGENT send means the feature is missing. */
  tag?: string | null;
}

export function describeSendError(code: number | null, subcode: number | null, raw: string | null, context: SendErrorContext = {}): MetaErrorMeaning {
  if (code === null) {
    const local = parseLocalSendError(raw);
    switch (local?.key) {
      case "timeout":
        return describeMetaError(null, null, { networkTimeout: true });
      case "not_connected":
        return {
          key: "not_connected",
          message: "This channel is not connected to Meta, so nothing was sent. Ask an admin to connect it under Channels.",
          action: "reconnect",
          permanent: true,
          channelProblem: "token",
        };
      case "needs_reconnect":
        return describeMetaError(190, null);
      case "not_delivered":
        return {
          key: "not_delivered",
          message: "Meta never confirmed this message, and it is not in the conversation at Meta: it was not delivered. Retry sends it again.",
          action: "retry",
          permanent: true,
        };
      case "unconfirmed":
        return {
          key: "unconfirmed",
          message:
            "Meta did not confirm this message and we could not read the conversation at Meta to check, so it was not sent again. Retry checks the conversation first, so it never goes out twice.",
          action: "retry",
          permanent: true,
        };
      case "window_closed": {
        const text = WINDOW_REASON_TEXT[(local.reason ?? "WINDOW_CLOSED") as BlockReason] ?? WINDOW_REASON_TEXT.WINDOW_CLOSED;
        return { key: "window_closed", message: `${text.title}: ${text.detail}`, action: "none", permanent: true };
      }
    }
  }
  return describeMetaError(code, subcode, { humanAgentTag: context.tag === "HUMAN_AGENT", metaMessage: raw });
}
