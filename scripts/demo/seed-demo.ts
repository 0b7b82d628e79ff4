// Demo data: one account with an admin, a manager and two agents whose logins the launcher prints.
// Idempotent: a second run finds the account and changes nothing.
//
// Run with the react-server condition (it reuses server-only domain code):
//   node --conditions=react-server --import tsx scripts/demo/seed-demo.ts
import { createAgent } from "@/lib/agents/create-agent";
import { db, disconnectDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_ACCOUNT_NAME, DEMO_LOGINS } from "./demo-logins";
import { seedCsatDemo } from "./seed-csat";
import { seedReviewScenarioDemo } from "./seed-review-scenario";
import { seedWorkflowDemo } from "./seed-workflow";

export async function seedDemoTeam(): Promise<{ accountId: string; created: boolean }> {
  const existing = await db.account.findFirst({ where: { name: DEMO_ACCOUNT_NAME }, select: { id: true } });
  if (existing) return { accountId: existing.id, created: false };
  const account = await db.account.create({ data: { name: DEMO_ACCOUNT_NAME, timezone: "Europe/Berlin" } });
  for (const login of DEMO_LOGINS) {
    await createAgent({
      accountId: account.id,
      actorId: null,
      input: { name: login.name, email: login.email, role: login.role, password: login.password, channelIds: [] },
    });
  }
  return { accountId: account.id, created: true };
}

type DemoChannel = { id: string; platform: "MESSENGER" | "INSTAGRAM" };
type DemoMessage = {
  /** Minutes before now (Meta time). */
  ago: number;
  from: "contact" | "agent" | "automation" | "other-app";
  text?: string;
  kind?: "MESSAGE" | "POSTBACK" | "REFERRAL";
  payload?: Prisma.InputJsonObject;
  attachments?: { type: string; url: string; title?: string; name?: string }[];
  agent?: string;
  tag?: "HUMAN_AGENT";
  failed?: { code: number; subcode?: number; message: string; fbtraceId: string };
  edited?: boolean;
  unsent?: boolean;
  reaction?: { actor: "CONTACT" | "PAGE"; emoji: string };
  replyTo?: number;
};
type DemoThread = {
  channel: DemoChannel;
  name: string;
  username?: string;
  status?: "OPEN" | "SNOOZED" | "RESOLVED";
  assignee?: string;
  unread?: number;
  snoozedForHours?: number;
  historyIncomplete?: boolean;
  adReferral?: boolean;
  /** Minutes before now up to which the person has read / received our messages. */
  readUpTo?: number;
  deliveredUpTo?: number;
  messages: DemoMessage[];
  notes?: { ago: number; author: string; body: string }[];
};

const MIN = 60_000;
const HOUR_MIN = 60;
const DAY_MIN = 24 * 60;
const CDN = "https://scontent.demo.fbcdn.test";
const PAGE_INBOX_APP_ID = "263902037430900";
/** The demo runs offline: its one image preview is an inline picture of a receipt, not a CDN URL. */
const RECEIPT_IMAGE = `data:image/svg+xml;base64,${Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="300" viewBox="0 0 240 300"><rect width="240" height="300" fill="#f8fafc"/>` +
    `<rect x="30" y="20" width="180" height="260" rx="6" fill="#fff" stroke="#cbd5e1"/>` +
    `<text x="120" y="58" font-family="sans-serif" font-size="16" font-weight="700" text-anchor="middle" fill="#0f172a">NORTHWIND</text>` +
    `<text x="120" y="80" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#475569">Order #4821</text>` +
    `<line x1="50" y1="96" x2="190" y2="96" stroke="#e2e8f0"/>` +
    `<text x="50" y="122" font-family="sans-serif" font-size="12" fill="#334155">Rain jacket, S</text><text x="190" y="122" font-family="sans-serif" font-size="12" text-anchor="end" fill="#334155">€89.00</text>` +
    `<text x="50" y="146" font-family="sans-serif" font-size="12" fill="#334155">Shipping</text><text x="190" y="146" font-family="sans-serif" font-size="12" text-anchor="end" fill="#334155">€4.90</text>` +
    `<line x1="50" y1="162" x2="190" y2="162" stroke="#e2e8f0"/>` +
    `<text x="50" y="186" font-family="sans-serif" font-size="13" font-weight="700" fill="#0f172a">Total</text><text x="190" y="186" font-family="sans-serif" font-size="13" font-weight="700" text-anchor="end" fill="#0f172a">€93.90</text>` +
    `<text x="120" y="240" font-family="sans-serif" font-size="10" text-anchor="middle" fill="#64748b">Paid 14 Nov · Visa •••• 4242</text></svg>`,
).toString("base64")}`;

/** The showcase threads: every message kind, every window stage, work in every state. */
function showcase(page: DemoChannel, instagram: DemoChannel): DemoThread[] {
  return [
    {
      channel: page,
      name: "Ana Souza",
      unread: 2,
      readUpTo: DAY_MIN + 8 * HOUR_MIN,
      deliveredUpTo: DAY_MIN + 7 * HOUR_MIN,
      messages: [
        { ago: DAY_MIN + 8 * HOUR_MIN + 10, from: "contact", text: "Hello, I ordered the rain jacket last week 🙂" },
        { ago: DAY_MIN + 8 * HOUR_MIN + 5, from: "agent", agent: "Alex Agent", text: "Hi Ana! Thanks for reaching out — could you share your order number?", reaction: { actor: "CONTACT", emoji: "❤️" } },
        { ago: DAY_MIN + 8 * HOUR_MIN, from: "contact", text: "Sure, it's #4821", edited: true },
        { ago: DAY_MIN + 7 * HOUR_MIN + 58, from: "contact", attachments: [{ type: "image", url: RECEIPT_IMAGE, title: "Photo of the receipt" }] },
        { ago: DAY_MIN + 7 * HOUR_MIN, from: "other-app", text: "Thanks Ana, I'm checking with the warehouse now. — Northwind team" },
        { ago: 2 * HOUR_MIN + 1, from: "contact", text: "Hi! My order #4821 hasn't shipped yet, can you check?", replyTo: 2 },
        { ago: 2 * HOUR_MIN, from: "contact", text: "Also — could I switch it to size M?" },
      ],
      notes: [{ ago: DAY_MIN + 6 * HOUR_MIN, author: "Maya Manager", body: "Warehouse says #4821 ships Monday. Offer code SORRY10 if she asks again." }],
    },
    {
      channel: page,
      name: "Jonas Müller",
      assignee: "Alex Agent",
      readUpTo: 31 * HOUR_MIN - 1,
      messages: [
        { ago: 31 * HOUR_MIN, from: "contact", kind: "POSTBACK", text: "Exchange an item", payload: { title: "Exchange an item", payload: "EXCHANGE" } },
        { ago: 31 * HOUR_MIN - 1, from: "automation", text: "Thanks! An agent will reply shortly. Please have your order number ready." },
        { ago: 30 * HOUR_MIN, from: "contact", text: "Die Jacke ist zu klein – kann ich sie umtauschen?" },
        {
          ago: 29 * HOUR_MIN,
          from: "agent",
          agent: "Alex Agent",
          text: "Hallo Jonas, natürlich! Welche Größe brauchst du?",
          failed: { code: 613, message: "Calls to this api have exceeded the rate limit.", fbtraceId: "AxD9kQ2nY7bZ" },
        },
      ],
      notes: [{ ago: 29 * HOUR_MIN - 5, author: "Alex Agent", body: "Meta rate-limited my reply. He wants size L — retry it, or write again as a human agent." }],
    },
    {
      channel: instagram,
      name: "Yuki Tanaka",
      username: "yuki.tnk",
      assignee: "Alex Agent",
      deliveredUpTo: 4 * HOUR_MIN,
      messages: [
        { ago: 5 * HOUR_MIN + 20, from: "contact", text: "こんにちは！" },
        { ago: 5 * HOUR_MIN + 19, from: "contact", text: "間違えました", unsent: true },
        { ago: 5 * HOUR_MIN, from: "contact", text: "サイズMは在庫ありますか？" },
        { ago: 4 * HOUR_MIN + 30, from: "agent", agent: "Alex Agent", text: "Yes! Size M is in stock in black and olive.", reaction: { actor: "CONTACT", emoji: "👍" } },
      ],
    },
    {
      channel: instagram,
      name: "Chloé Martin",
      username: "chloe.mrtn",
      unread: 1,
      messages: [
        { ago: 100 * HOUR_MIN + 2, from: "contact", attachments: [{ type: "story_mention", url: `${CDN}/story/chloe-8812.jpg`, title: "Story mention" }] },
        { ago: 100 * HOUR_MIN, from: "contact", text: "Is the discount code still valid? 🙏" },
      ],
    },
    {
      channel: page,
      name: "Samuel Okafor",
      readUpTo: 8 * DAY_MIN + 30,
      messages: [
        { ago: 8 * DAY_MIN + 60, from: "agent", agent: "Sam Agent", text: "Your refund of €49.90 has been processed." },
        { ago: 8 * DAY_MIN, from: "contact", text: "Thanks for the refund, all good now." },
      ],
    },
    {
      channel: page,
      name: "Priya Sharma",
      unread: 1,
      messages: [{ ago: 22 * HOUR_MIN, from: "contact", text: "Do you ship to Norway? I'd need it before the 30th." }],
    },
    {
      channel: instagram,
      name: "Lucas Rossi",
      username: "lucas.rossi",
      assignee: "Maya Manager",
      readUpTo: 6 * DAY_MIN + 11 * HOUR_MIN,
      messages: [
        { ago: 6 * DAY_MIN + 12 * HOUR_MIN, from: "contact", text: "Any update on my return? I sent it back on Monday." },
        { ago: 6 * DAY_MIN + 11 * HOUR_MIN, from: "agent", agent: "Maya Manager", text: "We received it — the refund follows within 3 working days." },
      ],
    },
    {
      channel: page,
      name: "Mia Kowalski",
      status: "SNOOZED",
      snoozedForHours: 20,
      assignee: "Sam Agent",
      messages: [
        { ago: 3 * HOUR_MIN + 5, from: "agent", agent: "Sam Agent", text: "Could you send us photos of the damaged seam?" },
        { ago: 3 * HOUR_MIN, from: "contact", text: "I'll send the photos tonight." },
      ],
    },
    {
      channel: page,
      name: "Omar Haddad",
      status: "RESOLVED",
      assignee: "Sam Agent",
      readUpTo: 2 * DAY_MIN - 10,
      messages: [
        { ago: 2 * DAY_MIN + 30, from: "contact", text: "The zipper on my backpack broke after a week." },
        { ago: 2 * DAY_MIN + 10, from: "agent", agent: "Sam Agent", text: "Sorry about that! A replacement is on its way, tracking number NW-55120." },
        { ago: 2 * DAY_MIN, from: "contact", text: "Thanks, that solved it!" },
      ],
    },
    {
      channel: page,
      name: "Elena Petrova",
      unread: 1,
      adReferral: true,
      messages: [
        { ago: HOUR_MIN + 1, from: "contact", kind: "REFERRAL", payload: { source: "ADS", type: "OPEN_THREAD", ad_id: "23851234567890", ref: "winter-sale" } },
        { ago: HOUR_MIN, from: "contact", text: "Hi, I saw the winter sale ad — is the wool coat included?" },
      ],
    },
    {
      channel: instagram,
      name: "Kofi Mensah",
      username: "kofi.m",
      historyIncomplete: true,
      unread: 3,
      messages: [
        { ago: 12 * HOUR_MIN + 3, from: "contact", attachments: [{ type: "video", url: `${CDN}/v/kofi-unboxing.mp4`, title: "Unboxing video" }] },
        { ago: 12 * HOUR_MIN + 2, from: "contact", attachments: [{ type: "audio", url: `${CDN}/a/kofi-voice.m4a`, title: "Voice message" }] },
        { ago: 12 * HOUR_MIN, from: "contact", attachments: [{ type: "file", url: `${CDN}/f/invoice-3391.pdf`, title: "invoice-3391.pdf" }], text: "Here's the invoice and the video." },
      ],
    },
    {
      channel: page,
      name: "Tomás Ortiz",
      assignee: "Sam Agent",
      readUpTo: 50,
      // A long back-and-forth: the thread opens at the newest 50 and loads the rest on scroll.
      messages: Array.from({ length: 80 }, (_, i): DemoMessage => {
        const ago = (80 - i) * 45 + 40;
        return i % 2 === 0
          ? { ago, from: "contact", text: `Question ${i / 2 + 1} about the bulk order for our running club` }
          : { ago, from: "agent", agent: "Sam Agent", text: `Answer ${(i + 1) / 2}: noted, I'll add that to the quote.` };
      }),
    },
  ];
}

const FIRST = ["Lea", "Noah", "Hana", "Mateo", "Zoe", "Ivan", "Aisha", "Liam", "Sofia", "Tomás", "Ines", "Kai", "Nora", "Ravi", "Emma", "Jakob", "Amara", "Felix", "Mei", "Oskar"];
const LAST = ["Berg", "Costa", "Novak", "Dubois", "Khan", "Lindqvist", "Moreau", "Ito", "Santos", "Weber", "Adeyemi", "Horvat", "Nielsen", "Ortiz", "Quinn"];
const ASKS = [
  "When will the blue sneakers be back in stock?",
  "The parcel arrived damaged, what should I do?",
  "I was charged twice for the same order",
  "Could you send me the invoice again please?",
  "Where is my package? Tracking shows nothing.",
  "Can I pick it up in store instead?",
  "Is there a warranty on the backpack?",
  "My code SAVE20 does not work at checkout",
  "Please cancel my order #5102",
  "Do you have the olive jacket in XL?",
];
/** Ages (hours) that stay clear of the window boundaries, so the demo's folders keep their shape for a day. */
const BACKGROUND_AGES = [0.5, 1.5, 3, 4, 6, 7.5, 9, 11, 13, 15, 17, 18.5, 26, 33, 40, 48, 52, 60, 70, 80, 90, 110, 120, 128, 176, 190, 210, 250, 300, 360];

/** Enough ordinary traffic that the list pages (more than 50 open conversations). */
function background(page: DemoChannel, instagram: DemoChannel): DemoThread[] {
  return Array.from({ length: 60 }, (_, i) => {
    const ageHours = BACKGROUND_AGES[i % BACKGROUND_AGES.length]! + Math.floor(i / BACKGROUND_AGES.length) * 0.25;
    const ago = Math.round(ageHours * HOUR_MIN);
    const replied = i % 3 === 0;
    return {
      channel: i % 4 === 3 ? instagram : page,
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      unread: replied ? 0 : (i % 5) + 1 > 3 ? 0 : (i % 5) + 1,
      assignee: i % 6 === 1 ? "Sam Agent" : i % 6 === 4 ? "Alex Agent" : undefined,
      status: i % 10 === 9 ? "RESOLVED" : "OPEN",
      messages: [
        { ago: ago + 1, from: "contact", text: ASKS[i % ASKS.length] },
        ...(replied ? [{ ago, from: "agent" as const, agent: i % 2 ? "Sam Agent" : "Alex Agent", text: "Thanks for writing — we're on it and will update you today." }] : []),
      ],
    };
  });
}

/** Hours between the person's latest message before `ago` (minutes before now) and then; null if none. */
function hoursSincePersonWrote(openers: DemoMessage[], ago: number): number | null {
  const before = openers.filter((o) => o.ago > ago).sort((a, b) => a.ago - b.ago)[0];
  return before ? (before.ago - ago) / 60 : null;
}

/**
 * Until the sync engine fills the inbox from the Meta simulator, the demo inbox is inserted directly, with
 * Meta-like ids: a showcase of every message kind and window stage, and ordinary traffic around it.
 */
export async function seedDemoConversations(accountId: string): Promise<void> {
  if ((await db.channel.count({ where: { accountId } })) > 0) return;
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MIN);
  const page = await db.channel.create({
    data: { accountId, platform: "MESSENGER", metaId: "1000000000000001", pageMetaId: "1000000000000001", name: "Northwind Outfitters", humanAgentEnabled: true },
  });
  const instagram = await db.channel.create({
    data: { accountId, platform: "INSTAGRAM", metaId: "17841400000000001", pageMetaId: "1000000000000001", name: "northwind.outfitters", username: "northwind.outfitters", humanAgentEnabled: true },
  });
  const team = new Map((await db.agent.findMany({ where: { accountId }, select: { id: true, name: true } })).map((a) => [a.name, a.id]));
  const agentId = (name: string | undefined) => (name ? (team.get(name) ?? null) : null);

  const threads = [...showcase(page, instagram), ...background(page, instagram)];
  let n = 0;
  for (const t of threads) {
    n += 1;
    const prefix = t.channel.platform === "INSTAGRAM" ? "IGSID" : "PSID";
    const contact = await db.contact.create({
      data: { accountId, channelId: t.channel.id, platformUserId: `${prefix}-demo-${n}`, name: t.name, username: t.username ?? null },
    });
    const openers = t.messages.filter((m) => m.from === "contact" && !m.unsent);
    const lastInbound = openers.reduce<DemoMessage | null>((min, m) => (!min || m.ago < min.ago ? m : min), null);
    const last = t.messages.reduce((min, m) => (m.ago < min.ago ? m : min));
    const conversation = await db.conversation.create({
      data: {
        accountId,
        channelId: t.channel.id,
        contactId: contact.id,
        metaThreadId: `t_demo_${n}`,
        createdAt: at(Math.max(...t.messages.map((m) => m.ago))),
        status: t.status ?? "OPEN",
        assigneeId: agentId(t.assignee),
        snoozedUntil: t.status === "SNOOZED" ? new Date(now + (t.snoozedForHours ?? 12) * 60 * MIN) : null,
        resolvedAt: t.status === "RESOLVED" ? at(last.ago - 5) : null,
        lastInboundAt: lastInbound ? at(lastInbound.ago) : null,
        lastInboundKind: lastInbound ? (lastInbound.kind === "REFERRAL" ? "REFERRAL" : lastInbound.kind === "POSTBACK" ? "POSTBACK" : "MESSAGE") : null,
        lastMessageAt: at(last.ago),
        lastMessagePreview: last.text ?? (last.attachments?.length ? "Attachment" : null),
        lastMessageDirection: last.from === "contact" ? "INBOUND" : "OUTBOUND",
        unreadCount: t.unread ?? 0,
        historyIncomplete: t.historyIncomplete ?? false,
        adReferralAt: t.adReferral ? at(t.messages[0]!.ago) : null,
        contactReadUpTo: t.readUpTo !== undefined ? at(t.readUpTo) : null,
        contactDeliveredUpTo: t.deliveredUpTo !== undefined ? at(t.deliveredUpTo) : t.readUpTo !== undefined ? at(t.readUpTo) : null,
        firstResponseAt: t.messages.find((m) => m.from === "agent") ? at(t.messages.find((m) => m.from === "agent")!.ago) : null,
      },
    });
    const mids: string[] = [];
    for (const [i, m] of t.messages.entries()) {
      const outbound = m.from !== "contact";
      const mid = m.failed ? null : `m_demo_${n}_${i}`;
      mids.push(mid ?? "");
      const message = await db.message.create({
        data: {
          accountId,
          channelId: t.channel.id,
          conversationId: conversation.id,
          mid,
          kind: m.kind ?? "MESSAGE",
          direction: outbound ? "OUTBOUND" : "INBOUND",
          senderKind: m.from === "contact" ? "CONTACT" : m.from === "agent" ? "AGENT" : m.from === "automation" ? "OUR_APP" : "OTHER_APP",
          agentId: m.from === "agent" ? agentId(m.agent) : null,
          appId: m.from === "other-app" ? PAGE_INBOX_APP_ID : null,
          text: m.text ?? null,
          attachments: m.attachments ?? undefined,
          payload: m.payload ?? undefined,
          replyToMid: m.replyTo !== undefined ? mids[m.replyTo] || null : null,
          sentAt: at(m.ago),
          editedAt: m.edited ? at(m.ago - 1) : null,
          editCount: m.edited ? 1 : 0,
          deletedAt: m.unsent ? at(m.ago - 1) : null,
          messagingType: m.from === "agent" || m.from === "automation" ? (m.tag ? "MESSAGE_TAG" : "RESPONSE") : null,
          tag: m.tag ?? null,
          sendStatus: m.from === "agent" || m.from === "automation" ? (m.failed ? "FAILED" : "SENT") : null,
          idempotencyKey: m.from === "agent" ? `demo-${n}-${i}` : null,
          sendAttempts: m.failed ? 3 : m.from === "agent" ? 1 : 0,
          errorCode: m.failed?.code ?? null,
          errorSubcode: m.failed?.subcode ?? null,
          errorMessage: m.failed?.message ?? null,
          fbtraceId: m.failed?.fbtraceId ?? null,
          hoursSinceInbound: outbound ? hoursSincePersonWrote(openers, m.ago) : null,
        },
      });
      if (m.reaction) {
        await db.messageReaction.create({ data: { messageId: message.id, actor: m.reaction.actor, emoji: m.reaction.emoji, reaction: "love", reactedAt: at(m.ago - 2) } });
      }
    }
    for (const note of t.notes ?? []) {
      await db.note.create({ data: { accountId, conversationId: conversation.id, authorId: agentId(note.author), body: note.body, createdAt: at(note.ago) } });
    }
  }
  const agents = await db.agent.findMany({ where: { accountId, role: "AGENT" }, select: { id: true }, orderBy: { email: "asc" } });
  // alex@ (first by email) works both channels, sam@ only the Messenger Page.
  await db.pageMembership.createMany({
    data: agents.flatMap((a, i) => (i === 0 ? [page, instagram] : [page]).map((c) => ({ agentId: a.id, channelId: c.id }))),
    skipDuplicates: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { accountId, created } = await seedDemoTeam();
    await seedDemoConversations(accountId);
    await seedWorkflowDemo(accountId);
    const review = await seedReviewScenarioDemo(accountId);
    console.log(`review scenario: ${review.from}..${review.to} on "Northwind Outlet"${review.created ? "" : " (already present)"}`);
    await seedCsatDemo(accountId);
    console.log(created ? "demo data created" : "demo data already present");
  } finally {
    await disconnectDb();
  }
}
