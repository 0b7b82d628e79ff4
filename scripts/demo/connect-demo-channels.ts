// First run of the demo: connects the simulator's demo Pages (and their Instagram account) to the demo account
// through the same code the Channels admin page uses (connect by Page token), and an Instagram account without a
// Facebook Page (@atelier.nord) through Instagram Login (Instagram's window → code → the same code path as the
// admin's "Connect with Instagram"); gives the demo agents their channels, puts one Page on round-robin with its
// agents ONLINE (seed-demo-assignment.ts), and leaves the backfill jobs for the
// app's worker. A later run finds the channels and does nothing.
//
//   node --conditions=react-server --import tsx scripts/demo/connect-demo-channels.ts <simulator-url>
import { toSessionAgent } from "@/lib/auth/session-agent";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { connectInstagramAccount } from "@/lib/channels/connect-instagram-account";
import { instagramRedirectUri } from "@/lib/channels/instagram-oauth";
import { setHumanAgent } from "@/lib/channels/set-human-agent";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { exchangeInstagramCode, INSTAGRAM_LOGIN_SCOPES } from "@/lib/meta/instagram-login";
import { DEMO_ACCOUNT_NAME } from "./demo-logins";
import { seedDemoTeam } from "./seed-demo";
import { seedDemoAssignment } from "./seed-demo-assignment";

interface SimChannel {
  platform: "messenger" | "instagram";
  id: string;
  name: string;
  accessToken: string;
  /** Whether the (simulated) app holds Meta's Human Agent feature for this Page / IG account. */
  humanAgent: boolean;
}

/** The demo's Instagram account without a Page (Instagram Login only), with threads in every window stage and comments across the private-reply allowance. */
const DEMO_INSTAGRAM_LOGIN = { username: "atelier.nord", name: "Atelier Nord", humanAgent: true, withConversations: true, withComments: true };

export async function connectDemoChannels(simulatorUrl: string, log: (line: string) => void = console.log): Promise<void> {
  const { accountId } = await seedDemoTeam();
  const created = await fetch(`${simulatorUrl}/__control/instagram-login-accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(DEMO_INSTAGRAM_LOGIN) });
  if (!created.ok) throw new Error(`the Meta simulator did not create the Instagram Login account (HTTP ${created.status})`);
  const { id: instagramLoginId } = (await created.json()) as { id: string };
  const response = await fetch(`${simulatorUrl}/__control/channels?include=instagram_login`);
  if (!response.ok) throw new Error(`the Meta simulator did not list its channels (HTTP ${response.status})`);
  const { data } = (await response.json()) as { data: SimChannel[] };
  const known = new Set((await db.channel.findMany({ where: { accountId }, select: { metaId: true } })).map((c) => c.metaId));
  const pages = data.filter((c) => c.platform === "messenger" && !known.has(c.id));
  const instagramLogin = !known.has(instagramLoginId);
  if (pages.length === 0 && !instagramLogin) {
    log("demo channels already connected");
    return;
  }
  const admin = await db.agent.findFirstOrThrow({ where: { accountId, role: "ADMIN" }, orderBy: { createdAt: "asc" } });
  for (const page of pages) {
    const connected = await connectChannelFromPageToken({ accountId, actorId: admin.id, pageToken: page.accessToken });
    log(`connected ${connected.map((c) => `${c.name} (${c.platform === "INSTAGRAM" ? "Instagram" : "Messenger"})`).join(", ")}`);
  }
  if (instagramLogin) {
    const connected = await connectWithInstagramLogin(simulatorUrl, instagramLoginId, { accountId, actorId: admin.id });
    log(`connected ${connected.name} (Instagram, with Instagram Login: no Facebook Page)`);
  }
  // The admin ticks "Human Agent feature" where the app has it at Meta, as a real admin would after App Review.
  const adminSession = toSessionAgent(admin, "UTC");
  for (const channel of await db.channel.findMany({ where: { accountId, disconnectedAt: null }, select: { id: true, metaId: true } })) {
    const atMeta = data.find((c) => c.id === channel.metaId);
    if (atMeta) await setHumanAgent({ actor: adminSession, channelId: channel.id, enabled: atMeta.humanAgent });
  }
  // Alex works every channel, Sam the Messenger Pages: the inbox shows what each agent may see.
  const channels = await db.channel.findMany({ where: { accountId, disconnectedAt: null }, select: { id: true, platform: true } });
  const agents = await db.agent.findMany({ where: { accountId, role: "AGENT" }, orderBy: { email: "asc" }, select: { id: true, email: true } });
  await db.pageMembership.createMany({
    data: agents.flatMap((agent) =>
      channels.filter((c) => agent.email.startsWith("alex") || c.platform === "MESSENGER").map((c) => ({ agentId: agent.id, channelId: c.id })),
    ),
    skipDuplicates: true,
  });
  const roundRobin = await seedDemoAssignment(accountId);
  if (roundRobin) log(`round-robin assignment on one Messenger Page, ${roundRobin.onlineAgentIds.length} agents ONLINE`);
  log(`the backfill of ${DEMO_ACCOUNT_NAME} starts with the app`);
}

/** Instagram Business Login as the admin's browser would do it: the window (account chosen, Allow) → code → connected. */
async function connectWithInstagramLogin(simulatorUrl: string, igAccountId: string, who: { accountId: string; actorId: string }) {
  const config = env();
  const appId = config.META_INSTAGRAM_APP_ID ?? config.META_APP_ID;
  const form = new URLSearchParams({ client_id: appId, redirect_uri: instagramRedirectUri(), response_type: "code", scope: INSTAGRAM_LOGIN_SCOPES.join(","), state: "demo", account: igAccountId, action: "allow" });
  const allowed = await fetch(`${simulatorUrl}/ig-www/oauth/authorize/confirm`, { method: "POST", body: form, redirect: "manual" });
  const code = new URL(allowed.headers.get("location") ?? "http://invalid/").searchParams.get("code");
  if (!code) throw new Error(`Instagram's (simulated) window gave no code (HTTP ${allowed.status})`);
  const shortLived = await exchangeInstagramCode({
    apiBaseUrl: config.META_INSTAGRAM_API_URL,
    appId,
    appSecret: config.META_INSTAGRAM_APP_SECRET ?? config.META_APP_SECRET,
    redirectUri: instagramRedirectUri(),
    code,
  });
  return connectInstagramAccount({ accountId: who.accountId, actorId: who.actorId, shortLivedToken: shortLived.token, grantedScopes: shortLived.permissions });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await connectDemoChannels(process.argv[2] ?? "http://127.0.0.1:4010");
  } finally {
    await disconnectDb();
  }
}
