import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSessionClaims } from "./session-claims";

const secret = "a-test-secret-that-is-long-enough-1234";
const name = "authjs.session-token" as const;
const now = Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown>, maxAge = 3600) => encode({ token: claims, secret, salt: name, maxAge });

describe("reading session claims", () => {
  it("reads the agent and session version of a token next-auth issued", async () => {
    expect(await readSessionClaims(name, await token({ sessionId: "s-1", agentId: "agent-1", sessionVersion: 3 }), secret)).toEqual({
      sessionId: "s-1",
      agentId: "agent-1",
      sessionVersion: 3,
    });
  });

  it("refuses a token for another secret, another cookie name, or tampered", async () => {
    const valid = await token({ sessionId: "s-1", agentId: "agent-1", sessionVersion: 1 });
    expect(await readSessionClaims(name, valid, "another-secret-that-is-long-enough-999")).toBeNull();
    expect(await readSessionClaims("__Secure-authjs.session-token", valid, secret)).toBeNull();
    expect(await readSessionClaims(name, valid.slice(0, -4) + "AAAA", secret)).toBeNull();
    expect(await readSessionClaims(name, "not-a-token", secret)).toBeNull();
  });

  it("refuses tokens without our claims, and tokens from before server-side sessions", async () => {
    expect(await readSessionClaims(name, await token({ sub: "x" }), secret)).toBeNull();
    expect(await readSessionClaims(name, await token({ agentId: "agent-1", sessionVersion: 1 }), secret)).toBeNull();
  });

  it("an expired token is refused, also once it sits in the cache", async () => {
    const short = await token({ sessionId: "s-2", agentId: "agent-2", sessionVersion: 1 }, 60);
    expect(await readSessionClaims(name, short, secret, (now + 10) * 1000)).not.toBeNull();
    expect(await readSessionClaims(name, short, secret, (now + 120) * 1000)).toBeNull();
  });
});
