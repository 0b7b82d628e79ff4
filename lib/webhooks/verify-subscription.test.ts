import { describe, expect, it } from "vitest";
import { verifySubscription } from "./verify-subscription";

const q = (params: Record<string, string>) => new URLSearchParams(params);

describe("verifySubscription", () => {
  it("echoes the challenge for the right token", () => {
    expect(verifySubscription(q({ "hub.mode": "subscribe", "hub.verify_token": "tok-123456", "hub.challenge": "1158201444" }), "tok-123456")).toEqual({
      ok: true,
      challenge: "1158201444",
    });
  });

  it("refuses a wrong or missing token, another mode, or no challenge", () => {
    for (const params of <Record<string, string>[]>[
      { "hub.mode": "subscribe", "hub.verify_token": "tok-123457", "hub.challenge": "1" },
      { "hub.mode": "subscribe", "hub.verify_token": "tok-12345", "hub.challenge": "1" },
      { "hub.mode": "subscribe", "hub.challenge": "1" },
      { "hub.mode": "unsubscribe", "hub.verify_token": "tok-123456", "hub.challenge": "1" },
      { "hub.mode": "subscribe", "hub.verify_token": "tok-123456" },
    ]) {
      expect(verifySubscription(q(params), "tok-123456").ok).toBe(false);
    }
  });

  it("a missing or empty token is refused even when the configured token is empty", () => {
    expect(verifySubscription(q({ "hub.mode": "subscribe", "hub.challenge": "1" }), "").ok).toBe(false);
    expect(verifySubscription(q({ "hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1" }), "").ok).toBe(false);
  });
});
