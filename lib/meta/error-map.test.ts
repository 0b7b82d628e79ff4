import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeMetaError } from "./error-map";

describe("Meta errors in agent language", () => {
  it.each<[number, number | null, string, string, boolean]>([
    [10, 2018278, "outside_window", "use_human_agent", true],
    [10, 2534022, "outside_window", "use_human_agent", true],
    [551, null, "person_unavailable", "none", true],
    [551, 1545041, "person_unavailable", "none", true],
    [200, 1545041, "person_unavailable", "none", true],
    [10, 2018108, "person_unavailable", "none", true],
    [100, 2534037, "thread_owned_by_other_app", "take_control", true],
    [2018300, null, "thread_owned_by_other_app", "take_control", true],
    [100, null, "invalid_request", "none", true],
    [190, 460, "token_invalid", "reconnect", true],
    [190, null, "token_invalid", "reconnect", true],
    [492, null, "token_invalid", "reconnect", true],
    [613, null, "rate_limited", "wait", false],
    [80006, null, "rate_limited", "wait", false],
    [80002, null, "rate_limited", "wait", false],
    [613, 2018338, "tag_bothersome", "none", true],
    [1, 1357046, "meta_unconfirmed", "wait", false],
    [2, null, "meta_unavailable", "retry", false],
    [100, 2018109, "attachment_failed", "reupload", true],
    [10, null, "missing_permission", "fix_channel", true],
    [230, null, "missing_permission", "fix_channel", true],
    [9000001, null, "message_deleted", "none", true],
    [424242, null, "unknown", "none", true],
  ])("%i/%s → %s (%s), permanent %s", (code, subcode, key, action, permanent) => {
    expect(describeMetaError(code, subcode)).toMatchObject({ key, action, permanent });
  });

  it("a bare code 10 on a HUMAN_AGENT send means the Human Agent feature is missing", () => {
    expect(describeMetaError(10, null, { humanAgentTag: true })).toMatchObject({ key: "human_agent_feature_missing", channelProblem: "permissions" });
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
    expect(describeMetaError(null, null, { networkTimeout: true })).toMatchObject({ key: "timeout", permanent: false });
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
