import { describe, expect, it } from "vitest";
import { createOAuthState, OAUTH_STATE_TTL_MS, verifyOAuthState } from "./oauth-state";

const SECRET = "a-very-long-auth-secret-for-tests-0123456789";

describe("OAuth state", () => {
  it("verifies for the same admin, browser (nonce) and secret before it expires", () => {
    const { state, nonce } = createOAuthState("agent-1", SECRET, 1_000);
    expect(verifyOAuthState(state, { agentId: "agent-1", nonce, secret: SECRET, now: 2_000 })).toEqual({ ok: true });
  });

  it("refuses another admin, another browser, a forged or tampered state, and an expired one", () => {
    const { state, nonce } = createOAuthState("agent-1", SECRET, 1_000);
    const check = (s: string | null, o: Partial<{ agentId: string; nonce: string | null; secret: string; now: number }> = {}) =>
      verifyOAuthState(s, { agentId: "agent-1", nonce, secret: SECRET, now: 2_000, ...o });
    expect(check(state, { agentId: "agent-2" })).toEqual({ ok: false, reason: "agent" });
    expect(check(state, { nonce: null })).toEqual({ ok: false, reason: "nonce" });
    expect(check(state, { nonce: createOAuthState("agent-1", SECRET).nonce })).toEqual({ ok: false, reason: "nonce" });
    expect(check(state, { secret: `${SECRET}x` })).toEqual({ ok: false, reason: "signature" });
    expect(check(state, { now: 1_000 + OAUTH_STATE_TTL_MS + 1 })).toEqual({ ok: false, reason: "expired" });
    const [body, sig] = state.split(".");
    const forged = Buffer.from(JSON.stringify({ a: "agent-1", n: nonce, e: 9e15 })).toString("base64url");
    expect(check(`${forged}.${sig}`)).toEqual({ ok: false, reason: "signature" });
    expect(check(`${body}`)).toEqual({ ok: false, reason: "malformed" });
    expect(check(null)).toEqual({ ok: false, reason: "malformed" });
  });
});
