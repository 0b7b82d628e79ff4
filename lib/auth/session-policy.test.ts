import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_MAX_MS, SESSION_IDLE_TIMEOUT_MS, SESSION_TOUCH_EVERY_MS, sessionExpiry, sessionNeedsTouch, sessionState } from "./session-policy";

const signedIn = new Date("2026-12-01T08:00:00Z");
const at = (ms: number) => new Date(signedIn.getTime() + ms);
const fresh = { lastSeenAt: signedIn, expiresAt: sessionExpiry(signedIn), revokedAt: null };

describe("session lifetime", () => {
  it("is active until the idle timeout, and idle from it", () => {
    expect(sessionState(fresh, at(SESSION_IDLE_TIMEOUT_MS - 1))).toBe("active");
    expect(sessionState(fresh, at(SESSION_IDLE_TIMEOUT_MS))).toBe("idle");
  });

  it("rolls: activity moves the idle timeout, but never past the absolute maximum", () => {
    const used = { ...fresh, lastSeenAt: at(SESSION_ABSOLUTE_MAX_MS - 60_000) };
    expect(sessionState(used, at(SESSION_ABSOLUTE_MAX_MS - 1))).toBe("active");
    expect(sessionState(used, at(SESSION_ABSOLUTE_MAX_MS))).toBe("expired");
  });

  it("a revoked session stays ended, even when it would still be in time", () => {
    expect(sessionState({ ...fresh, revokedAt: at(1000) }, at(2000))).toBe("revoked");
  });

  it("the idle timeout is shorter than the absolute maximum (12 h), and both are hours", () => {
    expect(SESSION_ABSOLUTE_MAX_MS).toBe(12 * 3_600_000);
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(2 * 3_600_000);
  });

  it("records activity at most once per minute", () => {
    expect(sessionNeedsTouch(fresh, at(SESSION_TOUCH_EVERY_MS - 1))).toBe(false);
    expect(sessionNeedsTouch(fresh, at(SESSION_TOUCH_EVERY_MS))).toBe(true);
  });
});
