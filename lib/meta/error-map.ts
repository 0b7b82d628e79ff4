// Meta's error codes in the agent's language, with what to do next (REFERENCE.md §5). The thread shows
// `message`; `action` drives the button next to it; `fbtraceId` stays on the message for Meta support.
// Pure: no I/O.

export type MetaErrorAction =
  /** Try again later (rate limits, Meta outages): automatic retries already happened. */
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
  /** Stable key for reports and tests. */
  key: string;
  message: string;
  action: MetaErrorAction;
  /** Permanent failures are shown and never retried automatically. */
  permanent: boolean;
  /** The channel's token or configuration is at fault (admins are alerted). */
  channelProblem?: "token" | "permissions" | "restricted";
}

/** "any": the subcode alone identifies the error (REFERENCE.md §5 lists some subcodes without their code). */
type Rule = { code: number | number[] | "any"; subcode?: number | number[]; meaning: MetaErrorMeaning };

const THROTTLED: MetaErrorMeaning = {
  key: "rate_limited",
  message: "Meta is limiting how fast this Page can send right now. The reply was not sent; wait a minute and retry.",
  action: "wait",
  permanent: false,
};
const TOKEN: MetaErrorMeaning = {
  key: "token_invalid",
  message: "This channel's connection to Meta has expired or was revoked. Ask an admin to reconnect it under Channels.",
  action: "reconnect",
  permanent: true,
  channelProblem: "token",
};
const OUTSIDE_WINDOW: MetaErrorMeaning = {
  key: "outside_window",
  message:
    "Meta says this conversation is outside the reply window. If the person wrote within 7 days, reply again as a human agent (HUMAN_AGENT tag).",
  action: "use_human_agent",
  permanent: true,
};
const UNAVAILABLE: MetaErrorMeaning = {
  key: "person_unavailable",
  message: "This person can't receive messages from the Page right now (they may have blocked it or deleted their account).",
  action: "none",
  permanent: true,
};
const OTHER_APP: MetaErrorMeaning = {
  key: "thread_owned_by_other_app",
  message: "Another app (such as Meta's own Page inbox) controls this conversation, so our reply was refused.",
  action: "take_control",
  permanent: true,
};
const ATTACHMENT: MetaErrorMeaning = {
  key: "attachment_failed",
  message: "Meta could not fetch or accept the attachment. Upload it again, or send a smaller or different file.",
  action: "reupload",
  permanent: true,
};
const PERMISSIONS: MetaErrorMeaning = {
  key: "missing_permission",
  message: "The app lacks a Meta permission needed to send from this channel. Ask an admin to check the channel's settings.",
  action: "fix_channel",
  permanent: true,
  channelProblem: "permissions",
};

const RULES: Rule[] = [
  { code: [4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006], subcode: 2018338, meaning: {
    key: "tag_bothersome",
    message: "Meta stopped tagged messages to this person because they were reported as bothersome. Do not send more tagged messages; an admin has been alerted.",
    action: "none",
    permanent: true,
    channelProblem: "restricted",
  } },
  { code: [4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006], meaning: THROTTLED },
  { code: [190, 102, 492], meaning: TOKEN },
  { code: 10, subcode: [2018278, 2534022, 2018065], meaning: OUTSIDE_WINDOW },
  { code: 10, subcode: 2018108, meaning: UNAVAILABLE },
  { code: 551, meaning: UNAVAILABLE },
  { code: 200, subcode: 1545041, meaning: UNAVAILABLE },
  { code: 10, subcode: 1893063, meaning: {
    key: "page_restricted",
    message: "Meta has restricted messaging for this Page or business. Sending is stopped on this channel; an admin has been alerted.",
    action: "none",
    permanent: true,
    channelProblem: "restricted",
  } },
  { code: [368, 2022], meaning: {
    key: "page_restricted",
    message: "Meta has restricted messaging for this Page or business. Sending is stopped on this channel; an admin has been alerted.",
    action: "none",
    permanent: true,
    channelProblem: "restricted",
  } },
  { code: 100, subcode: [2018001, 2534014], meaning: {
    key: "recipient_invalid",
    message: "Meta does not recognise this person for this channel any more.",
    action: "none",
    permanent: true,
  } },
  { code: 100, subcode: [2018008, 2018047, 2018074, 2018109, 2018294], meaning: ATTACHMENT },
  { code: [2018047, 2018074, 2018109, 2018294], meaning: ATTACHMENT },
  { code: 100, subcode: 2534037, meaning: OTHER_APP },
  { code: [2018300, 2018321], meaning: OTHER_APP },
  { code: "any", subcode: [2018300, 2018321, 2534037], meaning: OTHER_APP },
  { code: 100, subcode: 2534029, meaning: {
    key: "page_restricted",
    message: "Meta has restricted messaging for this account. Sending is stopped on this channel; an admin has been alerted.",
    action: "none",
    permanent: true,
    channelProblem: "restricted",
  } },
  { code: [10, 100, 200], subcode: [2534077, 2534013, 2534041], meaning: {
    key: "instagram_not_eligible",
    message: "This Instagram account is not set up for messaging through apps (connection or message access). Ask an admin to check it.",
    action: "fix_channel",
    permanent: true,
    channelProblem: "permissions",
  } },
  { code: 36103, meaning: {
    key: "instagram_not_eligible",
    message: "This Instagram account is not set up for messaging through apps (connection or message access). Ask an admin to check it.",
    action: "fix_channel",
    permanent: true,
    channelProblem: "permissions",
  } },
  { code: 2534068, meaning: {
    key: "multi_image_unavailable",
    message: "Sending several images at once is not available for this Instagram account yet. Send them one per message.",
    action: "reupload",
    permanent: true,
  } },
  { code: 9000001, meaning: {
    key: "message_deleted",
    message: "Meta says this message was deleted.",
    action: "none",
    permanent: true,
  } },
  { code: 1, subcode: 1357046, meaning: {
    key: "meta_unavailable",
    message: "Meta had a temporary problem. The message may still have been delivered; we check before retrying.",
    action: "wait",
    permanent: false,
  } },
  { code: [1, 2], meaning: {
    key: "meta_unavailable",
    message: "Meta had a temporary problem and the reply was not confirmed. Retry in a moment.",
    action: "retry",
    permanent: false,
  } },
  { code: [10, 3], meaning: PERMISSIONS },
  { code: 200, subcode: [2018028, 2018027], meaning: PERMISSIONS },
  { code: 100, meaning: {
    key: "invalid_request",
    message: "Meta refused the message as invalid. It was not sent; the details are kept for support.",
    action: "none",
    permanent: true,
  } },
];

const matches = (rule: number | number[] | "any", value: number | null) =>
  value !== null && (rule === "any" || (Array.isArray(rule) ? rule.includes(value) : rule === value));

const RETIRED_TAG: MetaErrorMeaning = {
  key: "tag_retired",
  message:
    "Meta has retired the message tag this message used, so it was not sent. Replies after 24 hours can only go out with the HUMAN_AGENT tag (within 7 days).",
  action: "none",
  permanent: true,
};

function codeInRange(code: number, from: number, to: number) {
  return code >= from && code <= to;
}

/**
 * What a Meta error means for the agent.
 * @param context.humanAgentTag the send carried MESSAGE_TAG + HUMAN_AGENT: a bare code 10 then means the
 * channel lacks Meta's Human Agent feature (Meta's exact answer is unverified; the simulator answers 10).
 * @param context.metaMessage Meta's own `message`, only used where code and subcode are ambiguous.
 */
export function describeMetaError(
  code: number | null,
  subcode: number | null,
  context: { humanAgentTag?: boolean; networkTimeout?: boolean; metaMessage?: string | null } = {},
): MetaErrorMeaning {
  if (context.networkTimeout) {
    return {
      key: "timeout",
      message: "Meta did not answer in time. We are checking whether the message went out before trying again.",
      action: "wait",
      permanent: false,
    };
  }
  if (code === 10 && subcode === null && context.humanAgentTag) {
    return {
      key: "human_agent_feature_missing",
      message:
        "Meta refused the HUMAN_AGENT tag: this channel does not have the Human Agent feature. Ask an admin to request it in Meta's App Review; until then replies are only possible within 24 hours of the person's message.",
      action: "fix_channel",
      permanent: true,
      channelProblem: "permissions",
    };
  }
  // Retired tags (CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE, POST_PURCHASE_UPDATE since April 27 2026) answer a
  // bare code 100 like any bad parameter; only Meta's text tells them apart.
  if (code === 100 && subcode === null && context.metaMessage && /\btag\b.*\b(deprecated|retired|no longer)/i.test(context.metaMessage)) {
    return RETIRED_TAG;
  }
  if (code !== null) {
    for (const rule of RULES) {
      if (!matches(rule.code, code)) continue;
      if (rule.subcode !== undefined && !matches(rule.subcode, subcode)) continue;
      return rule.meaning;
    }
    if (codeInRange(code, 200, 299)) return PERMISSIONS;
  }
  return {
    key: "unknown",
    message: "Meta refused the message for a reason we don't recognise. It was not sent; the details are kept for support.",
    action: "none",
    permanent: true,
  };
}
