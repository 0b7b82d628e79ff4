// Sign-in and sessions through next-auth's own endpoints (the contract the login form and API clients use):
// throttling of password guesses, server-side sign-out, idle timeout and absolute end of a session.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { db } from "@/lib/db";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { configureAppEnv } from "@/scripts/testing/meta-test-env";
import { CLIENT_IP_HEADER } from "./client-ip";
import { SESSION_IDLE_TIMEOUT_MS } from "./session-policy";

const ORIGIN = "http://inbox.test";
const PASSWORD = "the-right-password-42";

beforeAll(() => {
  configureAppEnv("http://127.0.0.1:9");
});

class Browser {
  cookies = new Map<string, string>();
  constructor(readonly ip: string) {}

  private headers(extra: Record<string, string> = {}) {
    const headers = new Headers({ host: "inbox.test", [CLIENT_IP_HEADER]: this.ip, ...extra });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    return headers;
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
  }

  async csrf(): Promise<string> {
    const response = await authGet(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: this.headers() }));
    this.keep(response);
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** The Location next-auth answers a credentials sign-in with. */
  async signIn(email: string, password: string): Promise<string> {
    const csrfToken = await this.csrf();
    const response = await authPost(
      new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
        body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${ORIGIN}/inbox` }),
      }),
    );
    this.keep(response);
    return response.headers.get("location") ?? "";
  }

  async signOut() {
    const csrfToken = await this.csrf();
    const response = await authPost(
      new NextRequest(`${ORIGIN}/api/auth/signout`, {
        method: "POST",
        headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
        body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/login` }),
      }),
    );
    this.keep(response);
  }

  /** Status of an authenticated API call with this browser's cookies. */
  async api(): Promise<number> {
    const response = await listConversations(new NextRequest(`${ORIGIN}/api/conversations`, { headers: this.headers() }), { params: Promise.resolve({}) });
    return response.status;
  }

  sessionCookie() {
    return [...this.cookies].find(([name]) => name.endsWith("authjs.session-token"));
  }
}

async function agentWithPassword(role: "AGENT" | "ADMIN" = "AGENT") {
  const account = await createAccount();
  return createTestAgent(account.id, role, { password: PASSWORD });
}

const signedIn = (location: string) => location === `${ORIGIN}/inbox`;
const throttled = (location: string) => location.includes("code=throttled");

describe("sign-in throttling", () => {
  it("50 parallel wrong passwords: only the first few are checked, the right one waits too; the lock is audited", async () => {
    const agent = await agentWithPassword();
    const attacker = new Browser("198.51.100.20");
    const answers = await Promise.all(Array.from({ length: 50 }, () => attacker.signIn(agent.email, "wrong-password-123")));
    expect(answers.filter((l) => l.includes("error=CredentialsSignin&code=credentials"))).toHaveLength(5);
    expect(answers.filter(throttled)).toHaveLength(45);
    expect(throttled(await attacker.signIn(agent.email, PASSWORD))).toBe(true);
    expect(await attacker.api()).toBe(401);

    const audit = await db.auditEvent.findMany({ where: { accountId: agent.accountId, type: "auth.sign_in_throttled" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ agentId: agent.id, email: agent.email, ip: "198.51.100.20", scope: "account_ip", failures: 5 });

    // Once the wait is over, the right password works.
    await db.signInThrottle.updateMany({ where: { key: { contains: agent.email } }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(signedIn(await attacker.signIn(agent.email, PASSWORD))).toBe(true);
    expect(await attacker.api()).toBe(200);
  });

  it("guessing from many addresses cannot lock the agent out where they signed in before", async () => {
    const agent = await agentWithPassword();
    const office = new Browser("203.0.113.10");
    expect(signedIn(await office.signIn(agent.email, PASSWORD))).toBe(true);
    await office.signOut();

    for (let i = 0; i < 20; i++) await new Browser(`198.51.100.${100 + i}`).signIn(agent.email, "wrong-password-123");
    expect(throttled(await new Browser("198.51.100.200").signIn(agent.email, PASSWORD))).toBe(true);
    expect(signedIn(await office.signIn(agent.email, PASSWORD))).toBe(true);
  });

  it("one address guessing many emails is stopped after 100 attempts", async () => {
    const spray = new Browser("198.51.100.77");
    // 98 guesses at other emails already made (each costs a full scrypt: not replayed here one by one).
    expect(await spray.signIn("nobody-0@spray.test", "guess-123456")).toContain("code=credentials");
    await db.signInThrottle.update({ where: { scope_key: { scope: "ip", key: "198.51.100.77" } }, data: { failures: 98 } });
    expect(await spray.signIn("nobody-99@spray.test", "guess-123456")).toContain("code=credentials");
    expect(await spray.signIn("nobody-100@spray.test", "guess-123456")).toContain("code=credentials");
    const agent = await agentWithPassword();
    expect(throttled(await spray.signIn(agent.email, PASSWORD))).toBe(true);
  });
});

describe("sessions end on the server", () => {
  it("after sign-out, a copy of the session cookie is refused", async () => {
    const agent = await agentWithPassword();
    const browser = new Browser("203.0.113.11");
    expect(signedIn(await browser.signIn(agent.email, PASSWORD))).toBe(true);
    const copied = browser.sessionCookie()!;
    expect(await browser.api()).toBe(200);
    await browser.signOut();

    const replay = new Browser("198.51.100.5");
    replay.cookies.set(copied[0], copied[1]);
    expect(await replay.api()).toBe(401);
    expect(await db.session.count({ where: { agentId: agent.id, revokedAt: { not: null } } })).toBe(1);
  });

  it("a session idle for the idle timeout ends; activity keeps it open; none outlives its absolute end", async () => {
    const agent = await agentWithPassword();
    const browser = new Browser("203.0.113.12");
    expect(signedIn(await browser.signIn(agent.email, PASSWORD))).toBe(true);
    const session = await db.session.findFirstOrThrow({ where: { agentId: agent.id } });

    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS + 60_000) } });
    expect(await browser.api()).toBe(200);
    const touched = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(10_000);

    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 1000) } });
    expect(await browser.api()).toBe(401);

    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) } });
    expect(await browser.api()).toBe(401);
  });
});
