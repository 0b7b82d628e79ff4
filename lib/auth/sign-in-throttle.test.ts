import { describe, expect, it } from "vitest";
import { afterSuccess, decideAttempt, SIGN_IN_LIMITS, throttledMessage, type ThrottleRows } from "./sign-in-throttle";

const start = new Date("2026-12-01T09:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const none: ThrottleRows = { account_ip: null, account: null, ip: null };

/** Runs `count` attempts, each at `everyMs` after the previous, and returns the decisions. */
function attempts(count: number, { everyMs = 0, from = none, trustedAddress = false, startMs = 0 } = {}) {
  let rows = from;
  const out = [];
  for (let i = 0; i < count; i++) {
    const decision = decideAttempt(rows, at(startMs + i * everyMs), { trustedAddress });
    rows = decision.next;
    out.push(decision);
  }
  return { decisions: out, rows };
}

describe("sign-in throttling per email + address", () => {
  it("answers the first 5 attempts, then asks to wait 30 s", () => {
    const { decisions } = attempts(6);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
    expect(decisions[4]!.lockedNow).toEqual(["account_ip"]);
    expect(decisions[5]!.retryAfterMs).toBe(30_000);
  });

  it("doubles the wait with each further failure, up to 15 minutes", () => {
    let rows = attempts(5).rows;
    const waits: number[] = [];
    let t = 0;
    for (let i = 0; i < 8; i++) {
      t += rows.account_ip!.lockedUntil!.getTime() - at(t).getTime();
      const decision = decideAttempt(rows, at(t), { trustedAddress: false });
      expect(decision.allowed).toBe(true);
      rows = decision.next;
      waits.push(rows.account_ip!.lockedUntil!.getTime() - at(t).getTime());
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000, 900_000]);
  });

  it("forgets failures after an hour without attempts", () => {
    const { rows } = attempts(4);
    const later = decideAttempt(rows, at(SIGN_IN_LIMITS.accountIp.forgetAfterMs), { trustedAddress: false });
    expect(later.next.account_ip.failures).toBe(1);
  });

  it("a refused attempt does not extend the wait", () => {
    const { rows } = attempts(5);
    const refused = decideAttempt(rows, at(10_000), { trustedAddress: false });
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 20_000 });
    expect(refused.next.account_ip.lockedUntil).toEqual(rows.account_ip!.lockedUntil);
  });

  it("success takes its attempt back", () => {
    const { rows } = attempts(3);
    expect(afterSuccess(rows.account!).failures).toBe(2);
    expect(afterSuccess({ ...rows.account!, failures: 0 }).failures).toBe(0);
  });
});

describe("sign-in throttling per email, from many addresses", () => {
  // Each attempt from a fresh address: only the email key accumulates.
  const fromManyAddresses = (count: number, trustedAddress = false) => {
    let account: ThrottleRows["account"] = null;
    const out = [];
    for (let i = 0; i < count; i++) {
      const decision = decideAttempt({ account_ip: null, account, ip: null }, at(i * 1000), { trustedAddress });
      account = decision.next.account;
      out.push(decision);
    }
    return out;
  };

  it("locks the email for 5 minutes after 20 attempts within 15 minutes", () => {
    const decisions = fromManyAddresses(21);
    expect(decisions.slice(0, 20).every((d) => d.allowed)).toBe(true);
    expect(decisions[19]!.lockedNow).toContain("account");
    expect(decisions[20]).toMatchObject({ allowed: false });
    expect(decisions[20]!.retryAfterMs).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.lockMs);
  });

  it("an address the agent signed in from before is not locked out by someone else's guessing", () => {
    const locked = fromManyAddresses(20).at(-1)!.next;
    const own = decideAttempt({ account_ip: null, account: locked.account, ip: null }, at(21_000), { trustedAddress: true });
    expect(own.allowed).toBe(true);
    const stranger = decideAttempt({ account_ip: null, account: locked.account, ip: null }, at(21_000), { trustedAddress: false });
    expect(stranger.allowed).toBe(false);
  });
});

describe("sign-in throttling per address", () => {
  it("locks an address for 15 minutes after 100 attempts within 15 minutes, whatever the emails", () => {
    let ip: ThrottleRows["ip"] = null;
    const decisions = [];
    for (let i = 0; i < 101; i++) {
      const decision = decideAttempt({ account_ip: null, account: null, ip }, at(i * 100), { trustedAddress: false });
      ip = decision.next.ip;
      decisions.push(decision);
    }
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(decisions[100]!.retryAfterMs).toBe(SIGN_IN_LIMITS.ip.lockMs - 100);
  });

  it("starts a new window after 15 minutes", () => {
    const { rows } = attempts(3, { everyMs: 1000 });
    const later = decideAttempt({ ...rows, account_ip: null }, at(SIGN_IN_LIMITS.ip.windowMs + 5_000), { trustedAddress: false });
    expect(later.next.ip.failures).toBe(1);
  });
});

describe("the message", () => {
  it.each([
    [1_000, "Too many sign-in attempts. Try again in 1 second."],
    [29_200, "Too many sign-in attempts. Try again in 30 seconds."],
    [60_000, "Too many sign-in attempts. Try again in 1 minute."],
    [61_000, "Too many sign-in attempts. Try again in 2 minutes."],
  ])("%s ms → %s", (ms, text) => {
    expect(throttledMessage(ms)).toBe(text);
  });
});
