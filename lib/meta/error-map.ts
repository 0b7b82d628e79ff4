// Meta's errors in the agent's language, with what to do next. Which (code, subcode) is which comes from the
// one error table (meta-error-table.ts); this file holds only the words and the action per kind. The thread
// shows `message`; `action` drives the button next to it; `fbtraceId` stays on the message for Meta support.
// Nothing here promises what the product does not do: where a text says admins were notified, the send's
// failure path notifies them (lib/send/record-send-outcome.ts → lib/notifications/notify-admins.ts: a
// restriction by Meta, tagged messages found bothersome); elsewhere the channel's state on the Channels page
// is what admins see. Pure: no I/O.
import { classifyMetaError, UNKNOWN_META_ERROR, type MetaErrorContext, type MetaErrorKey } from "./meta-error-table";

export type MetaErrorAction =
  /** Try again later (rate limits, Meta outages, outcome not confirmed yet): the outbox keeps trying. */
  | "wait"
  /** A new attempt may work as is. */
  | "retry"
  /** Nothing the agent can do in this thread. */
  | "none"
  /** An admin must reconnect the channel (token invalid). */
  | "reconnect"
  /** An admin must fix the channel's settings or permissions at Meta. */
  | "fix_channel"
  /** Re-send with HUMAN_AGENT (allowed while the 7-day window is open). */
  | "use_human_agent"
  /** Another app (e.g. Meta's Page inbox) controls the thread. */
  | "take_control"
  /** Upload the attachment again. */
  | "reupload";

export interface MetaErrorMeaning {
  /** Stable key for reports and tests (our own failures add theirs: lib/messages/describe-send-error.ts). */
  key: MetaErrorKey | "timeout" | "not_connected" | "window_closed" | "not_delivered" | "unconfirmed";
  message: string;
  action: MetaErrorAction;
  /** Permanent failures are shown and never retried automatically. */
  permanent: boolean;
  /** The channel's token or configuration is at fault (the Channels page shows it to admins). */
  channelProblem?: "token" | "permissions" | "restricted";
}

type Words = Pick<MetaErrorMeaning, "message" | "action">;

const RESTRICTED = "Meta has restricted messaging for this Page or business, so the reply was not sent. Replies from this channel fail until Meta lifts the restriction; the channel's admins have been notified.";
const NOT_ELIGIBLE = "This Instagram account is not set up for messaging through apps (connection or message access). Ask an admin to check it.";

const WORDS: Record<MetaErrorKey, Words> = {
  rate_limited: {
    message: "Meta is limiting how fast this Page can send right now. The reply was not sent; wait a minute and retry.",
    action: "wait",
  },
  tag_bothersome: {
    message: "Meta stopped tagged messages to this person because they were reported as bothersome. Do not send more tagged messages to them; the channel's admins have been notified.",
    action: "none",
  },
  meta_unconfirmed: {
    message: "Meta had a temporary problem. The message may still have been delivered; we check the conversation at Meta before sending it again.",
    action: "wait",
  },
  meta_unavailable: {
    message: "Meta had a temporary problem and the reply was not confirmed. Retry in a moment: we check the conversation at Meta first, so it never goes out twice.",
    action: "retry",
  },
  token_invalid: {
    message: "This channel's connection to Meta has expired or was revoked. Ask an admin to reconnect it under Channels; then retry.",
    action: "reconnect",
  },
  missing_permission: {
    message: "The app lacks a Meta permission needed to send from this channel. Ask an admin to check the channel's settings.",
    action: "fix_channel",
  },
  human_agent_feature_missing: {
    message:
      "Meta refused the HUMAN_AGENT tag: this channel does not have the Human Agent feature. Ask an admin to request it in Meta's App Review; until then replies are only possible within 24 hours of the person's message.",
    action: "fix_channel",
  },
  outside_window: {
    message:
      "Meta says this conversation is outside the reply window. If the person wrote within 7 days, reply again as a human agent (HUMAN_AGENT tag).",
    action: "use_human_agent",
  },
  person_unavailable: {
    message: "This person can't receive messages from the Page right now (they may have blocked it or deleted their account).",
    action: "none",
  },
  recipient_invalid: { message: "Meta does not recognise this person for this channel any more.", action: "none" },
  tag_retired: {
    message:
      "Meta has retired the message tag this message used, so it was not sent. Replies after 24 hours can only go out with the HUMAN_AGENT tag (within 7 days).",
    action: "none",
  },
  invalid_request: { message: "Meta refused the message as invalid. It was not sent; the details are kept for support.", action: "none" },
  attachment_failed: {
    message: "Meta could not fetch or accept the attachment. Upload it again, or send a smaller or different file.",
    action: "reupload",
  },
  thread_owned_by_other_app: {
    message: "Another app (such as Meta's own Page inbox) controls this conversation, so our reply was refused.",
    action: "take_control",
  },
  page_restricted: { message: RESTRICTED, action: "none" },
  instagram_not_eligible: { message: NOT_ELIGIBLE, action: "fix_channel" },
  multi_image_unavailable: {
    message: "Sending several images at once is not available for this Instagram account yet. Send them one per message.",
    action: "reupload",
  },
  message_deleted: { message: "Meta says this message was deleted.", action: "none" },
  private_reply_refused: {
    message: "Meta refused the private reply: the comment was already answered privately, is older than 7 days, was removed, or cannot be answered privately. Answer publicly instead.",
    action: "none",
  },
  unknown: {
    message: "Meta refused the message for a reason we don't recognise. It was not sent; the details are kept for support.",
    action: "none",
  },
};

const TIMEOUT: MetaErrorMeaning = {
  key: "timeout",
  message: "Meta did not answer in time. We are checking whether the message went out before trying again, so it never goes out twice.",
  action: "wait",
  permanent: false,
};

/**
 * What a Meta error means for the agent.
 * @param context.humanAgentTag the send carried MESSAGE_TAG + HUMAN_AGENT (a bare code 10 then means the
 * channel lacks the Human Agent feature).
 * @param context.metaMessage Meta's own `message`, only used where code and subcode are ambiguous.
 * @param context.networkTimeout no answer at all: not a Meta code.
 */
export function describeMetaError(
  code: number | null,
  subcode: number | null,
  context: MetaErrorContext & { networkTimeout?: boolean } = {},
): MetaErrorMeaning {
  if (context.networkTimeout) return TIMEOUT;
  // No code at all (an answer Meta did not explain) is an unknown error: permanent, like any code not in the table.
  // Stryker disable next-line ConditionalExpression: the table matches nothing for a null code either; the check is for the type
  const kind = code === null ? UNKNOWN_META_ERROR : classifyMetaError(code, subcode, context);
  return {
    key: kind.key,
    ...WORDS[kind.key],
    permanent: kind.handling === "permanent",
    ...(kind.channelProblem ? { channelProblem: kind.channelProblem } : {}),
  };
}
