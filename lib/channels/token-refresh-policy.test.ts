import { describe, expect, it } from "vitest";
import { channelNeedsReconnect, nextTokenRefreshAt, retryTokenRefreshAt, TOKEN_REFRESH_POLICY } from "./token-refresh-policy";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = new Date("2026-12-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("nextTokenRefreshAt", () => {
  it("a fresh 60-day token: refreshed when 50 days are left (day 10)", () => {
    expect(nextTokenRefreshAt({ obtainedAt: t0, expiresAt: at(60 * DAY) })).toEqual(at(10 * DAY));
  });
  it("never earlier than 24 h after it was obtained, even when little time is left", () => {
    expect(nextTokenRefreshAt({ obtainedAt: t0, expiresAt: at(20 * DAY) })).toEqual(at(24 * HOUR));
  });
  it("exactly 24 h old and 50 days left: the two rules agree", () => {
    expect(nextTokenRefreshAt({ obtainedAt: t0, expiresAt: at(51 * DAY) })).toEqual(at(DAY));
  });
});

describe("retryTokenRefreshAt", () => {
  it("6 hours later", () => {
    expect(retryTokenRefreshAt(t0, at(30 * DAY))).toEqual(at(6 * HOUR));
  });
  it("no retry once the retry would be past expiry", () => {
    expect(retryTokenRefreshAt(t0, at(6 * HOUR))).toBeNull();
    expect(retryTokenRefreshAt(t0, at(6 * HOUR + 1))).toEqual(at(6 * HOUR));
  });
});

describe("channelNeedsReconnect", () => {
  const base = { tokenStatus: "VALID", tokenExpiresAt: at(30 * DAY), tokenRefreshError: null as string | null };
  it.each([
    ["a Page token (no expiry), valid", { ...base, tokenExpiresAt: null }, false],
    ["Meta refused the token", { ...base, tokenStatus: "NEEDS_RECONNECT" }, true],
    ["refresh failed, 30 days left", { ...base, tokenRefreshError: "(#2) down" }, false],
    ["refresh failed, 7 days left", { ...base, tokenExpiresAt: at(TOKEN_REFRESH_POLICY.reconnectWarningMs), tokenRefreshError: "(#2) down" }, true],
    ["refresh failed, 7 days + 1 ms left", { ...base, tokenExpiresAt: at(TOKEN_REFRESH_POLICY.reconnectWarningMs + 1), tokenRefreshError: "(#2) down" }, false],
    ["no failure, 2 days left", { ...base, tokenExpiresAt: at(2 * DAY) }, false],
    ["expired", { ...base, tokenExpiresAt: t0 }, true],
  ])("%s → %s", (_name, channel, expected) => {
    expect(channelNeedsReconnect(channel, t0)).toBe(expected);
  });
});
