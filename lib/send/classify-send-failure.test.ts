import { describe, expect, it, vi } from "vitest";
import { GraphApiError, GraphNetworkError } from "@/lib/meta/graph-error";
import { classifySendFailure } from "./classify-send-failure";
import { DEFAULT_SEND_SETTINGS } from "./send-settings";

const settings = { ...DEFAULT_SEND_SETTINGS, maxSendAttempts: 3, echoWaitMs: 60_000, retryBaseDelayMs: 1_000, retryMaxDelayMs: 10_000 };
const meta = (code: number, subcode?: number, options: { status?: number; retryAfterMs?: number } = {}) =>
  new GraphApiError(options.status ?? 400, { code, ...(subcode ? { error_subcode: subcode } : {}), message: `(#${code}) test`, fbtrace_id: "TRACE" }, options.retryAfterMs ?? null);
const classify = (error: unknown, attemptsMade = 1, messagingType = "RESPONSE", tag: string | null = null) =>
  classifySendFailure(error, { attemptsMade, messagingType, tag }, settings);

describe("what a failed Send API call means for the outbox message", () => {
  it("no answer: the outcome is unknown, the echo gets the echo wait before the thread is read back", () => {
    const failure = classify(new GraphNetworkError("Graph POST /v24.0/1/messages timed out", true));
    expect(failure).toMatchObject({ kind: "unknown_outcome", mayHaveBeenSent: true, final: false, retryInMs: 60_000, code: null });
    expect(failure.raw).toMatch(/^\[timeout\] /);
  });

  it("1/1357046 may follow a successful send: unknown outcome too, never an immediate resend", () => {
    expect(classify(meta(1, 1357046, { status: 500 }))).toMatchObject({ kind: "unknown_outcome", mayHaveBeenSent: true, final: false, retryInMs: 60_000, fbtraceId: "TRACE" });
  });

  it("service errors (1/2, 5xx) are retried with backoff after a look at the thread; throttling without one", () => {
    expect(classify(meta(2, undefined, { status: 500 }), 1)).toMatchObject({ kind: "transient", mayHaveBeenSent: true, retryInMs: 1_000 });
    expect(classify(meta(1, undefined, { status: 500 }), 2)).toMatchObject({ kind: "transient", mayHaveBeenSent: true, retryInMs: 2_000 });
    expect(classify(new GraphApiError(502, { message: "<html>Bad gateway</html>" }), 1)).toMatchObject({ kind: "transient", mayHaveBeenSent: true, code: 1 });
    expect(classify(meta(80006), 1)).toMatchObject({ kind: "transient", mayHaveBeenSent: false, retryInMs: 1_000, meaning: { key: "rate_limited" } });
    expect(classify(meta(613, undefined, { retryAfterMs: 60_000 }), 1)).toMatchObject({ kind: "transient", retryInMs: 60_000 });
  });

  it("throttling on the last allowed call is final; an unconfirmed last call is not (the thread is still read back)", () => {
    expect(classify(meta(80006), 3)).toMatchObject({ kind: "transient", final: true, retryInMs: null });
    expect(classify(meta(2, undefined, { status: 500 }), 3)).toMatchObject({ kind: "transient", final: false, mayHaveBeenSent: true });
    expect(classify(new GraphNetworkError("reset", false), 3)).toMatchObject({ kind: "unknown_outcome", final: false, retryInMs: 60_000 });
  });

  it("an error from another server bundle's copy of the Graph client is classified, not rethrown", async () => {
    vi.resetModules();
    const other = await import("@/lib/meta/graph-error");
    expect(other.GraphApiError).not.toBe(GraphApiError);
    const refused = new other.GraphApiError(400, { code: 100, error_subcode: 2018001, message: "(#100) No matching user found", fbtrace_id: "TRACE" });
    expect(classify(refused)).toMatchObject({ kind: "permanent", final: true, code: 100, subcode: 2018001, fbtraceId: "TRACE", meaning: { key: "recipient_invalid" } });
    expect(classify(new other.GraphNetworkError("timed out", true))).toMatchObject({ kind: "unknown_outcome" });
    expect(classify(new other.GraphApiError(400, { code: 190, error_subcode: 460 }))).toMatchObject({ kind: "permanent", meaning: { key: "token_invalid", channelProblem: "token" } });
  });

  it("a RESPONSE refused as outside the window may be tried as HUMAN_AGENT; a tagged send refused so is final", () => {
    expect(classify(meta(10, 2018278))).toMatchObject({ kind: "outside_window", final: true });
    expect(classify(meta(10, 2534022))).toMatchObject({ kind: "outside_window" });
    expect(classify(meta(10, 2018278), 1, "MESSAGE_TAG", "HUMAN_AGENT")).toMatchObject({ kind: "permanent", meaning: { key: "outside_window" } });
  });

  it.each<[string, GraphApiError, string]>([
    ["person unavailable", meta(551), "person_unavailable"],
    ["thread owned by another app", meta(100, 2534037), "thread_owned_by_other_app"],
    ["token expired", meta(190, 463), "token_invalid"],
    ["bothersome tagged messages (a throttle code that means stop)", meta(613, 2018338), "tag_bothersome"],
    ["invalid parameter", meta(100), "invalid_request"],
  ])("%s is permanent: shown, never retried", (_name, error, key) => {
    expect(classify(error)).toMatchObject({ kind: "permanent", final: true, retryInMs: null, meaning: { key } });
  });

  it("a bare code 10 on a HUMAN_AGENT send means the channel lacks the Human Agent feature", () => {
    expect(classify(meta(10), 1, "MESSAGE_TAG", "HUMAN_AGENT").meaning.key).toBe("human_agent_feature_missing");
    expect(classify(meta(10), 1, "RESPONSE", null).meaning.key).toBe("missing_permission");
  });

  it("anything that is not a Graph failure is a bug, not a send outcome", () => {
    expect(() => classify(new TypeError("boom"))).toThrow("boom");
  });
});
