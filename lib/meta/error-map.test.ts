import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeMetaError } from "./error-map";

type ChannelProblem = "token" | "permissions" | "restricted" | undefined;

describe("Meta errors in agent language", () => {
  it.each<[number, number | null, string, string, boolean, ChannelProblem]>([
    [10, 2018278, "outside_window", "use_human_agent", true, undefined],
    [10, 2534022, "outside_window", "use_human_agent", true, undefined],
    [551, null, "person_unavailable", "none", true, undefined],
    [551, 1545041, "person_unavailable", "none", true, undefined],
    [200, 1545041, "person_unavailable", "none", true, undefined],
    [10, 2018108, "person_unavailable", "none", true, undefined],
    [100, 2534037, "thread_owned_by_other_app", "take_control", true, undefined],
    [2018300, null, "thread_owned_by_other_app", "take_control", true, undefined],
    [100, null, "invalid_request", "none", true, undefined],
    [100, 2018001, "recipient_invalid", "none", true, undefined],
    [190, 460, "token_invalid", "reconnect", true, "token"],
    [190, null, "token_invalid", "reconnect", true, "token"],
    [492, null, "token_invalid", "reconnect", true, "token"],
    [613, null, "rate_limited", "wait", false, undefined],
    [80006, null, "rate_limited", "wait", false, undefined],
    [80002, null, "rate_limited", "wait", false, undefined],
    [613, 2018338, "tag_bothersome", "none", true, "restricted"],
    [1, 1357046, "meta_unconfirmed", "wait", false, undefined],
    [1, null, "meta_unavailable", "retry", false, undefined],
    [2, null, "meta_unavailable", "retry", false, undefined],
    [100, 2018109, "attachment_failed", "reupload", true, undefined],
    [10, null, "missing_permission", "fix_channel", true, "permissions"],
    [230, null, "missing_permission", "fix_channel", true, "permissions"],
    [10, 1893063, "page_restricted", "none", true, "restricted"],
    [368, null, "page_restricted", "none", true, "restricted"],
    [36103, null, "instagram_not_eligible", "fix_channel", true, "permissions"],
    [2534068, null, "multi_image_unavailable", "reupload", true, undefined],
    [9000001, null, "message_deleted", "none", true, undefined],
    [10900, null, "private_reply_refused", "none", true, undefined],
    [424242, null, "unknown", "none", true, undefined],
  ])("%i/%s → %s (%s), permanent %s, channel problem %s", (code, subcode, key, action, permanent, channelProblem) => {
    const meaning = describeMetaError(code, subcode);
    expect(meaning).toMatchObject({ key, action, permanent });
    expect(meaning.channelProblem).toBe(channelProblem);
  });

  it("an error without any Meta code is unknown and permanent: nothing we do not understand is retried", () => {
    const meaning = describeMetaError(null, null);
    expect(meaning).toMatchObject({ key: "unknown", action: "none", permanent: true });
    expect(meaning.channelProblem).toBeUndefined();
  });

  it("every kind of failure has its own explanation for the agent, in plain words", () => {
    const meanings = [
      describeMetaError(null, null, { networkTimeout: true }),
      ...(
        [
          [613, null],
          [613, 2018338],
          [1, 1357046],
          [2, null],
          [190, null],
          [10, null],
          [10, 2018278],
          [551, null],
          [100, 2018001],
          [100, null],
          [100, 2018109],
          [2018300, null],
          [368, null],
          [36103, null],
          [2534068, null],
          [9000001, null],
          [10900, null],
          [424242, null],
        ] as const
      ).map(([code, subcode]) => describeMetaError(code, subcode)),
      describeMetaError(10, null, { humanAgentTag: true }),
      describeMetaError(100, null, { metaMessage: "(#100) The message tag ACCOUNT_UPDATE has been deprecated" }),
    ];
    // One of each: every key of the error table, and the timeout.
    expect(new Set(meanings.map((m) => m.key)).size).toBe(meanings.length);
    expect(new Set(meanings.map((m) => m.message)).size).toBe(meanings.length);
    for (const meaning of meanings) {
      expect(meaning.message, meaning.key).toMatch(/^[A-Z].{20,}\.$/);
      expect(meaning.message, meaning.key).not.toMatch(/\(#\d+\)|OAuthException|subcode/);
    }
  });

  it("where the message may have gone out after all, the text promises a look at Meta before any new attempt", () => {
    for (const meaning of [describeMetaError(null, null, { networkTimeout: true }), describeMetaError(1, 1357046), describeMetaError(2, null)]) {
      expect(meaning.message, meaning.key).toMatch(/check/);
      expect(meaning.permanent, meaning.key).toBe(false);
    }
  });

  it("the agent's next step follows Meta's advice: one image per message, a public answer, HUMAN_AGENT after a retired tag", () => {
    expect(describeMetaError(2534068, null).message).toMatch(/one per message/);
    expect(describeMetaError(10900, null).message).toMatch(/Answer publicly/);
    expect(describeMetaError(100, null, { metaMessage: "(#100) The message tag POST_PURCHASE_UPDATE has been deprecated" })).toMatchObject({
      action: "none",
      message: expect.stringMatching(/HUMAN_AGENT/),
    });
  });

  it("a bare code 10 on a HUMAN_AGENT send means the Human Agent feature is missing", () => {
    expect(describeMetaError(10, null, { humanAgentTag: true })).toMatchObject({ key: "human_agent_feature_missing", action: "fix_channel", channelProblem: "permissions" });
    expect(describeMetaError(10, 2018278, { humanAgentTag: true }).key).toBe("outside_window");
  });

  it("thread-ownership subcodes mean another app controls the thread, whatever code carries them", () => {
    expect(describeMetaError(10, 2018300).key).toBe("thread_owned_by_other_app");
    expect(describeMetaError(200, 2534037).key).toBe("thread_owned_by_other_app");
  });

  it("a retired tag is recognised from Meta's message (its code 100 has no subcode)", () => {
    const retired = describeMetaError(100, null, { metaMessage: "(#100) The message tag POST_PURCHASE_UPDATE has been deprecated since April 27, 2026." });
    expect(retired).toMatchObject({ key: "tag_retired", permanent: true });
    expect(describeMetaError(100, null, { metaMessage: "(#100) The parameter recipient is required" }).key).toBe("invalid_request");
  });

  it("only the failures whose path notifies admins say so (lib/send/send-health.int.test.ts proves the notice)", () => {
    const notifying: [number, number | null][] = [[10, 1893063], [368, null], [100, 2534029], [2022, null], [613, 2018338]];
    for (const [code, subcode] of notifying) expect(describeMetaError(code, subcode).message).toMatch(/admins have been notified/);
    const silent: [number, number | null][] = [[190, null], [10, null], [36103, null], [100, 2018001], [2, null]];
    for (const [code, subcode] of silent) expect(describeMetaError(code, subcode).message).not.toMatch(/alerted|notified/i);
  });

  it("a timeout is not a failure yet", () => {
    expect(describeMetaError(null, null, { networkTimeout: true })).toMatchObject({ key: "timeout", action: "wait", permanent: false });
    expect(describeMetaError(190, null, { networkTimeout: true }).key).toBe("timeout");
  });

  it("maps every Send API error in the fixture corpus to a message without Meta's jargon", () => {
    const dir = path.join(import.meta.dirname, "../../meta-simulator/fixtures/jgorset+facebook-messenger/bot");
    const files = readdirSync(dir).filter((f) => f.startsWith("error_response_"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { error } = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { error: { code: number; error_subcode?: number } };
      const meaning = describeMetaError(error.code, error.error_subcode ?? null);
      expect(meaning.message, file).not.toMatch(/\(#\d+\)|OAuthException/);
      expect(meaning.message.length, file).toBeGreaterThan(20);
    }
  });
});
