import { describe, expect, it } from "vitest";
import { classifyMetaError, type MetaErrorHandling, type MetaErrorKey } from "./meta-error-table";

type Row = [code: number, subcode: number | null, key: MetaErrorKey, handling: MetaErrorHandling, channelProblem: "token" | "permissions" | "restricted" | null];

// Every row of REFERENCE.md §5, in its order. A mutation of the table (a code dropped from a list, a rule
// moved above another) breaks one of these.
const REFERENCE_SECTION_5: Row[] = [
  // 1, 2: unknown / service — backoff; for sends, look before resending (1/1357046 can follow a successful send)
  [1, null, "meta_unavailable", "service", null],
  [2, null, "meta_unavailable", "service", null],
  [1, 99, "meta_unavailable", "service", null],
  [1, 1357046, "meta_unconfirmed", "unknown_outcome", null],
  // throttling: app, user, Page (user token), custom, Page BUC, Instagram, Messenger
  [4, null, "rate_limited", "throttled", null],
  [17, null, "rate_limited", "throttled", null],
  [32, null, "rate_limited", "throttled", null],
  [613, null, "rate_limited", "throttled", null],
  [613, 1996, "rate_limited", "throttled", null],
  [613, 2534040, "rate_limited", "throttled", null],
  [80001, null, "rate_limited", "throttled", null],
  [80002, null, "rate_limited", "throttled", null],
  [80003, null, "rate_limited", "throttled", null],
  [80004, null, "rate_limited", "throttled", null],
  [80005, null, "rate_limited", "throttled", null],
  [80006, null, "rate_limited", "throttled", null],
  // a throttle code that means stop
  [613, 2018338, "tag_bothersome", "permanent", "restricted"],
  [80006, 2018338, "tag_bothersome", "permanent", "restricted"],
  // tokens
  [190, null, "token_invalid", "permanent", "token"],
  [190, 458, "token_invalid", "permanent", "token"],
  [190, 460, "token_invalid", "permanent", "token"],
  [190, 463, "token_invalid", "permanent", "token"],
  [190, 467, "token_invalid", "permanent", "token"],
  [102, null, "token_invalid", "permanent", "token"],
  [492, null, "token_invalid", "permanent", "token"],
  // permissions
  [10, null, "missing_permission", "permanent", "permissions"],
  [3, null, "missing_permission", "permanent", "permissions"],
  [200, null, "missing_permission", "permanent", "permissions"],
  [230, null, "missing_permission", "permanent", "permissions"],
  [299, null, "missing_permission", "permanent", "permissions"],
  [200, 2018028, "missing_permission", "permanent", "permissions"],
  [200, 2018027, "missing_permission", "permanent", "permissions"],
  // windows
  [10, 2018278, "outside_window", "permanent", null],
  [10, 2534022, "outside_window", "permanent", null],
  [10, 2018065, "outside_window", "permanent", null],
  // person unavailable
  [551, null, "person_unavailable", "permanent", null],
  [551, 1545041, "person_unavailable", "permanent", null],
  [200, 1545041, "person_unavailable", "permanent", null],
  [10, 2018108, "person_unavailable", "permanent", null],
  // recipient
  [100, 2018001, "recipient_invalid", "permanent", null],
  [100, 2534014, "recipient_invalid", "permanent", null],
  // bad parameters
  [100, null, "invalid_request", "permanent", null],
  [100, 33, "invalid_request", "permanent", null],
  [100, 2534015, "invalid_request", "permanent", null],
  [100, 2018014, "invalid_request", "permanent", null],
  // attachments
  [100, 2018008, "attachment_failed", "permanent", null],
  [100, 2018047, "attachment_failed", "permanent", null],
  [100, 2018074, "attachment_failed", "permanent", null],
  [100, 2018109, "attachment_failed", "permanent", null],
  [100, 2018294, "attachment_failed", "permanent", null],
  [2018047, null, "attachment_failed", "permanent", null],
  [2018074, null, "attachment_failed", "permanent", null],
  [2018109, null, "attachment_failed", "permanent", null],
  [2018294, null, "attachment_failed", "permanent", null],
  // another app owns the thread
  [2018300, null, "thread_owned_by_other_app", "permanent", null],
  [2018321, null, "thread_owned_by_other_app", "permanent", null],
  [100, 2534037, "thread_owned_by_other_app", "permanent", null],
  [10, 2018300, "thread_owned_by_other_app", "permanent", null],
  [200, 2018321, "thread_owned_by_other_app", "permanent", null],
  // restricted
  [10, 1893063, "page_restricted", "permanent", "restricted"],
  [368, null, "page_restricted", "permanent", "restricted"],
  [100, 2534029, "page_restricted", "permanent", "restricted"],
  [2022, null, "page_restricted", "permanent", "restricted"],
  // Instagram eligibility
  [10, 2534077, "instagram_not_eligible", "permanent", "permissions"],
  [100, 2534013, "instagram_not_eligible", "permanent", "permissions"],
  [200, 2534041, "instagram_not_eligible", "permanent", "permissions"],
  [36103, null, "instagram_not_eligible", "permanent", "permissions"],
  [2534068, null, "multi_image_unavailable", "permanent", null],
  [9000001, null, "message_deleted", "permanent", null],
  // not in the table: never retried
  [424242, null, "unknown", "permanent", null],
  [300, null, "unknown", "permanent", null],
  [199, null, "unknown", "permanent", null],
];

// Private replies to comments (meta-simulator README, "Choices for unverified points").
const PRIVATE_REPLIES: Row[] = [
  [10900, null, "private_reply_refused", "permanent", null], // the comment was already answered privately
  [10902, null, "private_reply_refused", "permanent", null], // not an activity that can be answered privately
  [10903, null, "private_reply_refused", "permanent", null], // older than 7 days, or the Live has ended
  [100, 2018292, "private_reply_refused", "permanent", null], // unknown or removed comment
];

describe("Meta's error table (REFERENCE.md §5)", () => {
  it.each(REFERENCE_SECTION_5)("%i/%s → %s, %s, channel problem %s", (code, subcode, key, handling, channelProblem) => {
    expect(classifyMetaError(code, subcode)).toMatchObject({ key, handling, channelProblem });
  });

  it.each(PRIVATE_REPLIES)("private reply %i/%s → %s, %s", (code, subcode, key, handling, channelProblem) => {
    expect(classifyMetaError(code, subcode)).toMatchObject({ key, handling, channelProblem });
  });

  it("only throttling pauses the owner; a bothersome-tag refusal does not", () => {
    const rateLimited = REFERENCE_SECTION_5.filter(([code, subcode]) => classifyMetaError(code, subcode).rateLimit).map(([code, subcode]) => `${code}/${subcode}`);
    expect(rateLimited).toEqual(REFERENCE_SECTION_5.filter((r) => r[2] === "rate_limited").map(([code, subcode]) => `${code}/${subcode}`));
  });

  it("only a RESPONSE refused with 10/2018278 or 10/2534022 may be tried as HUMAN_AGENT", () => {
    const helped = REFERENCE_SECTION_5.filter(([code, subcode]) => classifyMetaError(code, subcode).humanAgentMayHelp).map(([code, subcode]) => `${code}/${subcode}`);
    expect(helped).toEqual(["10/2018278", "10/2534022"]);
  });

  it("a bare code 10 on a HUMAN_AGENT send means the Human Agent feature is missing; with a subcode it does not", () => {
    expect(classifyMetaError(10, null, { humanAgentTag: true })).toMatchObject({ key: "human_agent_feature_missing", channelProblem: "permissions", handling: "permanent" });
    expect(classifyMetaError(10, 2018278, { humanAgentTag: true }).key).toBe("outside_window");
    expect(classifyMetaError(10, null, { humanAgentTag: false }).key).toBe("missing_permission");
  });

  it.each<[number, MetaErrorKey]>([
    [613, "rate_limited"],
    [190, "token_invalid"],
    [551, "person_unavailable"],
    [200, "missing_permission"],
  ])("a HUMAN_AGENT send refused with a bare %i keeps that meaning (only a bare 10 means the feature is missing)", (code, key) => {
    expect(classifyMetaError(code, null, { humanAgentTag: true }).key).toBe(key);
  });

  it("a retired tag is recognised from Meta's text; other bare 100s are bad parameters", () => {
    expect(classifyMetaError(100, null, { metaMessage: "(#100) The message tag POST_PURCHASE_UPDATE has been deprecated" }).key).toBe("tag_retired");
    expect(classifyMetaError(100, null, { metaMessage: "(#100) Tag ACCOUNT_UPDATE is no longer supported" }).key).toBe("tag_retired");
    expect(classifyMetaError(100, null, { metaMessage: "(#100) The parameter recipient is required" }).key).toBe("invalid_request");
    expect(classifyMetaError(100, 2018001, { metaMessage: "tag deprecated" }).key).toBe("recipient_invalid");
  });

  it.each<[number, MetaErrorKey]>([
    [10, "missing_permission"],
    [200, "missing_permission"],
    [613, "rate_limited"],
    [2, "meta_unavailable"],
  ])("Meta's text is read only for a bare 100: a bare %i mentioning a retired tag stays %s", (code, key) => {
    expect(classifyMetaError(code, null, { metaMessage: `(#${code}) The message tag ACCOUNT_UPDATE is no longer supported` }).key).toBe(key);
  });
});
