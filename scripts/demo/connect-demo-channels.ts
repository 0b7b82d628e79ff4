// First run of the demo: connects the simulator's demo Pages (and their Instagram account) to the demo account
// through the same code the Channels admin page uses (connect by Page token), gives the demo agents their
// channels, and leaves the backfill jobs for the app's worker. A later run finds the channels and does nothing.
//
//   node --conditions=react-server --import tsx scripts/demo/connect-demo-channels.ts <simulator-url>
import { toSessionAgent } from "@/lib/auth/session-agent";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { setHumanAgent } from "@/lib/channels/set-human-agent";
import { db, disconnectDb } from "@/lib/db";
import { DEMO_ACCOUNT_NAME } from "./demo-logins";
import { seedDemoTeam } from "./seed-demo";

interface SimChannel {
  platform: "messenger" | "instagram";
  id: string;
  name: string;
  accessToken: string;
  /** Whether the (simulated) app holds Meta's Human Agent feature for this Page / IG account. */
  humanAgent: boolean;
}

export async function connectDemoChannels(simulatorUrl: string, log: (line: string) => void = console.log): Promise<void> {
  const { accountId } = await seedDemoTeam();
  const response = await fetch(`${simulatorUrl}/__control/channels`);
  if (!response.ok) throw new Error(`the Meta simulator did not list its channels (HTTP ${response.status})`);
  const { data } = (await response.json()) as { data: SimChannel[] };
  const known = new Set((await db.channel.findMany({ where: { accountId }, select: { metaId: true } })).map((c) => c.metaId));
  const pages = data.filter((c) => c.platform === "messenger" && !known.has(c.id));
  if (pages.length === 0) {
    log("demo channels already connected");
    return;
  }
  const admin = await db.agent.findFirstOrThrow({ where: { accountId, role: "ADMIN" }, orderBy: { createdAt: "asc" } });
  for (const page of pages) {
    const connected = await connectChannelFromPageToken({ accountId, actorId: admin.id, pageToken: page.accessToken });
    log(`connected ${connected.map((c) => `${c.name} (${c.platform === "INSTAGRAM" ? "Instagram" : "Messenger"})`).join(", ")}`);
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
  log(`the backfill of ${DEMO_ACCOUNT_NAME} starts with the app`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await connectDemoChannels(process.argv[2] ?? "http://127.0.0.1:4010");
  } finally {
    await disconnectDb();
  }
}
