import { describe, expect, it } from "vitest";
import { channelNotice, formatWaiting, retryCanHelp, waitingNote, type ChannelSendState } from "./send-state";

const ok: ChannelSendState = { connected: true, tokenStatus: "VALID", humanAgentEnabled: true };
const channel = (over: Partial<ChannelSendState>): ChannelSendState => ({ ...ok, ...over });

describe("waiting for Meta", () => {
  it.each([
    [0, "0 s"],
    [999, "0 s"],
    [4_500, "4 s"],
    [59_999, "59 s"],
    [60_000, "1 min 00 s"],
    [65_000, "1 min 05 s"],
    [9 * 60_000 + 59_000, "9 min 59 s"],
    [10 * 60_000, "10 min"],
    [-5, "0 s"],
  ])("%i ms → %s", (ms, text) => expect(formatWaiting(ms)).toBe(text));
});

describe("the line under a message still waiting for Meta", () => {
  it("none before anything failed; throttling waits; anything else is checked before a resend", () => {
    expect(waitingNote(null)).toBeNull();
    expect(waitingNote({ key: "rate_limited" })).toMatch(/limiting/);
    expect(waitingNote({ key: "meta_unconfirmed" })).toMatch(/never sending it twice/);
  });
});

describe("when the agent's Retry can help a failed message", () => {
  it("Meta's temporary problems and unconfirmed sends: always, unless the channel is gone", () => {
    expect(retryCanHelp({ key: "meta_unavailable", action: "retry" }, ok)).toBe(true);
    expect(retryCanHelp({ key: "rate_limited", action: "wait" }, ok)).toBe(true);
    expect(retryCanHelp({ key: "unconfirmed", action: "retry" }, null)).toBe(true);
    expect(retryCanHelp({ key: "meta_unavailable", action: "retry" }, channel({ connected: false }))).toBe(false);
  });

  it("a refused token: only once an admin reconnected the channel", () => {
    const error = { key: "token_invalid", action: "reconnect" } as const;
    expect(retryCanHelp(error, channel({ tokenStatus: "NEEDS_RECONNECT" }))).toBe(false);
    expect(retryCanHelp(error, ok)).toBe(true);
    expect(retryCanHelp(error, null)).toBe(false);
    expect(retryCanHelp(error, channel({ connected: false }))).toBe(false);
  });

  it("a refused HUMAN_AGENT tag: once the channel has the feature again; other channel problems once it is valid", () => {
    expect(retryCanHelp({ key: "human_agent_feature_missing", action: "fix_channel" }, channel({ humanAgentEnabled: false }))).toBe(false);
    expect(retryCanHelp({ key: "human_agent_feature_missing", action: "fix_channel" }, ok)).toBe(true);
    expect(retryCanHelp({ key: "missing_permission", action: "fix_channel" }, channel({ tokenStatus: "MISCONFIGURED" }))).toBe(false);
    expect(retryCanHelp({ key: "missing_permission", action: "fix_channel" }, ok)).toBe(true);
    expect(retryCanHelp({ key: "outside_window", action: "use_human_agent" }, ok)).toBe(true);
    expect(retryCanHelp({ key: "outside_window", action: "use_human_agent" }, channel({ humanAgentEnabled: false }))).toBe(false);
  });

  it("never for what a retry cannot change", () => {
    for (const action of ["none", "take_control", "reupload"] as const) expect(retryCanHelp({ key: "x", action }, ok)).toBe(false);
  });
});

describe("the composer's channel notice", () => {
  it("says nothing while the channel is fine or not known yet", () => {
    expect(channelNotice(ok)).toBeNull();
    expect(channelNotice(null)).toBeNull();
  });

  it("names the problem and who fixes it", () => {
    expect(channelNotice(channel({ tokenStatus: "NEEDS_RECONNECT" }))).toMatchObject({ tone: "danger", title: expect.stringMatching(/refused this channel's connection/) });
    expect(channelNotice(channel({ tokenStatus: "NEEDS_RECONNECT" }))!.detail).toMatch(/admin reconnects/);
    expect(channelNotice(channel({ tokenStatus: "MISCONFIGURED" }))).toMatchObject({ tone: "warning" });
    expect(channelNotice(channel({ connected: false, tokenStatus: "NEEDS_RECONNECT" }))).toMatchObject({ title: "This channel is disconnected" });
    expect(channelNotice(channel({ restricted: true }))).toMatchObject({ tone: "danger", title: "Meta has restricted this channel" });
    expect(channelNotice(channel({ restricted: true, tokenStatus: "NEEDS_RECONNECT" }))!.title).toMatch(/refused this channel's connection/);
    expect(channelNotice(channel({ restricted: false }))).toBeNull();
  });
});
