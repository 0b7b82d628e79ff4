import { describe, expect, it } from "vitest";
import { chooseSearchStrategy } from "@/lib/conversations/choose-search-strategy";
import { conversationListSql, type SearchStrategy } from "@/lib/conversations/conversation-list-sql";
import { countFolders, countUnreadByFolder } from "@/lib/conversations/count-unread-by-folder";
import { conversationInFolder, INBOX_FOLDERS, type InboxFolder } from "@/lib/conversations/inbox-folders";
import { listConversations } from "@/lib/conversations/list-conversations";
import { foldForSearch } from "@/lib/conversations/search-fold";
import { db, pool } from "@/lib/db";
import type { ConversationStatus } from "@/lib/generated/prisma/client";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date();

type Channel = Awaited<ReturnType<typeof createChannel>>;

/** A conversation whose person last wrote `hoursAgo` hours ago, in the given state. */
async function conversation(
  channel: Channel,
  options: { hoursAgo?: number; status?: ConversationStatus; assigneeId?: string | null; unread?: number; name?: string; text?: string } = {},
) {
  const created = await createConversation(channel, { hoursAgo: options.hoursAgo ?? 1, name: options.name, text: options.text });
  return db.conversation.update({
    where: { id: created.id },
    data: { status: options.status ?? "OPEN", assigneeId: options.assigneeId ?? null, unreadCount: options.unread ?? 0 },
  });
}

async function allPages(agent: Parameters<typeof listConversations>[0], query: Omit<Parameters<typeof listConversations>[1], "limit" | "cursor">, limit = 2) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listConversations(agent, { ...query, limit, cursor }, { now: NOW });
    ids.push(...page.conversations.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe("listConversations: scope", () => {
  it("shows agents only their channels, managers every channel of their account, nobody other accounts", async () => {
    const account = await createAccount();
    const [mine, theirs] = [await createChannel(account.id), await createChannel(account.id)];
    const foreignAccount = await createAccount();
    const foreign = await createChannel(foreignAccount.id);
    const inMine = await createConversation(mine);
    const inTheirs = await createConversation(theirs);
    await createConversation(foreign);
    const agent = await createTestAgent(account.id, "AGENT");
    await db.pageMembership.create({ data: { agentId: agent.id, channelId: mine.id } });
    const manager = await createTestAgent(account.id, "MANAGER");

    const forAgent = await listConversations(asSession(agent), { limit: 50 });
    expect(forAgent.conversations.map((c) => c.id)).toEqual([inMine.id]);
    const forManager = await listConversations(asSession(manager), { limit: 50 });
    expect(forManager.conversations.map((c) => c.id).sort()).toEqual([inMine.id, inTheirs.id].sort());
    // Asking for a channel outside the agent's own does not widen the scope.
    expect((await listConversations(asSession(agent), { limit: 50, channelId: theirs.id })).conversations).toEqual([]);
    // Nor does a channel of another account for a manager.
    expect((await listConversations(asSession(manager), { limit: 50, channelId: foreign.id })).conversations).toEqual([]);
  });

  it("a disconnected channel's threads leave every folder and its counts (review keeps them)", async () => {
    const account = await createAccount();
    const [kept, gone] = [await createChannel(account.id), await createChannel(account.id)];
    const visible = await conversation(kept, { unread: 1 });
    await conversation(gone, { unread: 1 });
    await db.channel.update({ where: { id: gone.id }, data: { disconnectedAt: new Date() } });
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    for (const folder of INBOX_FOLDERS) {
      const ids = (await listConversations(manager, { folder, limit: 50 }, { now: NOW })).conversations.map((c) => c.id);
      expect(ids, folder).toEqual(folder === "all" || folder === "unassigned" ? [visible.id] : []);
    }
    expect((await countUnreadByFolder(manager, {})).all).toBe(1);
  });

  it("an agent without channels sees nothing", async () => {
    const account = await createAccount();
    await createConversation(await createChannel(account.id));
    const agent = asSession(await createTestAgent(account.id, "AGENT"));
    expect(await listConversations(agent, { limit: 50 })).toEqual({ conversations: [], nextCursor: null });
    expect(Object.values(await countUnreadByFolder(agent, {})).every((n) => n === 0)).toBe(true);
  });
});

describe("listConversations: paging", () => {
  it("pages by (lastMessageAt, id) without gaps or repeats, newest first", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    for (let i = 0; i < 7; i++) await createConversation(channel, { hoursAgo: i % 3 });
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    const seen = await allPages(manager, {}, 3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const all = await db.conversation.findMany({ where: { accountId: account.id }, orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }] });
    expect(seen).toEqual(all.map((c) => c.id));
  });

  it("rejects a forged cursor", async () => {
    const account = await createAccount();
    const manager = asSession(await createTestAgent(account.id, "MANAGER"));
    await expect(listConversations(manager, { limit: 10, cursor: "forged" })).rejects.toMatchObject({ code: "invalid_request" });
  });
});

describe("listConversations: folders", () => {
  async function fixture() {
    const account = await createAccount();
    const withFeature = await createChannel(account.id, { humanAgentEnabled: true });
    const withoutFeature = await createChannel(account.id, { humanAgentEnabled: false, platform: "INSTAGRAM" });
    const me = await createTestAgent(account.id, "MANAGER");
    const colleague = await createTestAgent(account.id, "MANAGER");
    const c = {
      mineFresh: await conversation(withFeature, { hoursAgo: 2, assigneeId: me.id, unread: 2 }),
      mineExpiring: await conversation(withFeature, { hoursAgo: 22, assigneeId: me.id }),
      unassignedFresh: await conversation(withFeature, { hoursAgo: 1, unread: 1 }),
      colleagues: await conversation(withFeature, { hoursAgo: 3, assigneeId: colleague.id, unread: 4 }),
      humanAgentExpiring: await conversation(withFeature, { hoursAgo: 6 * 24 + 12 }),
      humanAgentMiddle: await conversation(withFeature, { hoursAgo: 30 }),
      igExpiring: await conversation(withoutFeature, { hoursAgo: 21.5, unread: 1 }),
      igPastStandard: await conversation(withoutFeature, { hoursAgo: 6 * 24 + 13 }),
      closed: await conversation(withFeature, { hoursAgo: 8 * 24, unread: 1 }),
      closedOlder: await conversation(withoutFeature, { hoursAgo: 20 * 24 }),
      snoozed: await conversation(withFeature, { hoursAgo: 5, status: "SNOOZED", assigneeId: me.id, unread: 1 }),
      resolved: await conversation(withFeature, { hoursAgo: 9 * 24, status: "RESOLVED", unread: 1 }),
      resolvedExpiring: await conversation(withFeature, { hoursAgo: 22.5, status: "RESOLVED" }),
    };
    return { account, withFeature, withoutFeature, me: asSession(me), c };
  }

  it("each folder lists exactly the conversations its definition names, in its order, across pages", async () => {
    const { me, c } = await fixture();
    const expected: Record<InboxFolder, string[]> = {
      mine: [c.mineFresh.id, c.mineExpiring.id],
      // No business hours in this account: nothing closes before a reopening.
      closing: [],
      unassigned: [c.unassignedFresh.id, c.igExpiring.id, c.humanAgentMiddle.id, c.humanAgentExpiring.id, c.igPastStandard.id, c.closed.id, c.closedOlder.id],
      all: [
        c.unassignedFresh.id,
        c.mineFresh.id,
        c.colleagues.id,
        c.snoozed.id,
        c.igExpiring.id,
        c.mineExpiring.id,
        c.humanAgentMiddle.id,
        c.humanAgentExpiring.id,
        c.igPastStandard.id,
        c.closed.id,
        c.closedOlder.id,
      ],
      // Nearest deadline first: 21.5 h old ends in 2 h 25 m, 22 h old in 1 h 55 m, 6 d 12 h old in 11 h 55 m.
      expiring: [c.mineExpiring.id, c.igExpiring.id, c.humanAgentExpiring.id],
      // Most recent last message first; igPastStandard is past 24 h on a channel without the Human Agent
      // feature, so the policy blocks its reply: closed, like the 7-day ones (one meaning of "closed").
      closed: [c.igPastStandard.id, c.closed.id, c.closedOlder.id],
      snoozed: [c.snoozed.id],
      resolved: [c.resolvedExpiring.id, c.resolved.id],
    };
    for (const folder of INBOX_FOLDERS) {
      expect(await allPages(me, { folder }), folder).toEqual(expected[folder]);
    }
  });

  it("the browser's folder rule agrees with the SQL for every conversation and folder", async () => {
    const { me, c } = await fixture();
    const rows = await db.conversation.findMany({
      where: { id: { in: Object.values(c).map((x) => x.id) } },
      include: { channel: { select: { platform: true, humanAgentEnabled: true } } },
    });
    for (const folder of INBOX_FOLDERS) {
      const listed = new Set(await allPages(me, { folder }, 50));
      for (const row of rows) {
        const rule = conversationInFolder(
          { ...row, platform: row.channel.platform, humanAgentEnabled: row.channel.humanAgentEnabled },
          folder,
          { agentId: me.id, now: NOW },
        );
        expect(rule, `${folder}: ${row.id}`).toBe(listed.has(row.id));
      }
    }
  });

  it("filters by channel and platform, and counts unread conversations per folder under the same filters", async () => {
    const { me, c, withoutFeature } = await fixture();
    expect(await allPages(me, { folder: "all", platform: "INSTAGRAM" })).toEqual([c.igExpiring.id, c.igPastStandard.id, c.closedOlder.id]);
    expect(await allPages(me, { folder: "closed", channelId: withoutFeature.id })).toEqual([c.igPastStandard.id, c.closedOlder.id]);
    expect(await countUnreadByFolder(me, {}, { now: NOW })).toEqual({
      mine: 1,
      unassigned: 3,
      all: 6,
      expiring: 1,
      closing: 0,
      closed: 1,
      snoozed: 1,
      resolved: 1,
    });
    // Expiring soon's badge counts its conversations, read or not (mineExpiring and humanAgentExpiring are read).
    expect((await countFolders(me, {}, { now: NOW })).expiring).toBe(3);
    expect((await countFolders(me, { platform: "INSTAGRAM" }, { now: NOW })).expiring).toBe(1);
    expect(await countUnreadByFolder(me, { platform: "INSTAGRAM" }, { now: NOW })).toEqual({
      mine: 0,
      unassigned: 1,
      all: 1,
      expiring: 1,
      closing: 0,
      closed: 0,
      snoozed: 0,
      resolved: 0,
    });
  });
});

describe("listConversations: search", () => {
  it("finds by contact name and by message text, case-insensitively, within the folder and scope", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const other = await createChannel(account.id);
    const ana = await conversation(channel, { name: "Ana Souza", text: "Where is my parcel?" });
    const jonas = await conversation(channel, { name: "Jonas Müller", text: "Die Jacke ist zu klein" });
    const resolvedParcel = await conversation(channel, { name: "Kim", text: "parcel arrived, thanks", status: "RESOLVED" });
    const hidden = await conversation(other, { name: "Ana Hidden", text: "parcel" });
    const agent = await createTestAgent(account.id, "AGENT");
    await db.pageMembership.create({ data: { agentId: agent.id, channelId: channel.id } });
    const me = asSession(agent);

    expect(await allPages(me, { q: "souza" })).toEqual([ana.id]);
    expect(await allPages(me, { q: "JACKE" })).toEqual([jonas.id]);
    expect(await allPages(me, { q: "parcel" })).toEqual([ana.id]);
    expect(await allPages(me, { folder: "resolved", q: "parcel" })).toEqual([resolvedParcel.id]);
    expect(await allPages(me, { q: "Ana" })).not.toContain(hidden.id);
    expect(await allPages(me, { q: "nothing like this" })).toEqual([]);
  });

  it("takes LIKE wildcards literally and ignores unsent messages", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const percent = await conversation(channel, { name: "Percy", text: "100% cotton?" });
    await conversation(channel, { name: "Other", text: "100 cotton" });
    const unsent = await conversation(channel, { name: "Una", text: "secret words" });
    await db.message.updateMany({ where: { conversationId: unsent.id }, data: { deletedAt: new Date() } });
    const me = asSession(await createTestAgent(account.id, "MANAGER"));
    expect(await allPages(me, { q: "0% c" })).toEqual([percent.id]);
    expect(await allPages(me, { q: "_00" })).toEqual([]);
    expect(await allPages(me, { q: "secret words" })).toEqual([]);
  });
});

describe("listConversations: search by Instagram username, ignoring case and accents", () => {
  it("finds `vale` and `@vale.bianchi` by username, `muller` / `MÜLLER` / `jurgen` by Jürgen Müller, by either strategy", async () => {
    const account = await createAccount();
    const ig = await createChannel(account.id, { platform: "INSTAGRAM" });
    const vale = await conversation(ig, { name: null as unknown as string, text: "ciao" });
    await db.contact.updateMany({ where: { conversations: { some: { id: vale.id } } }, data: { name: null, username: "vale.bianchi" } });
    const jurgen = await conversation(ig, { name: "Jürgen Müller", text: "Hallo" });
    const cagla = await conversation(ig, { name: "Çağla Şahin", text: "Merhaba" });
    await conversation(ig, { name: "Valerie Other", text: "hi" });
    const me = await createTestAgent(account.id, "MANAGER");
    const both = async (q: string) => {
      const run = async (searchStrategy: SearchStrategy) => {
        const { text, values } = conversationListSql({
          accountId: account.id,
          agentId: me.id,
          channelIds: null,
          platform: null,
          folder: "all",
          search: q,
          searchStrategy,
          cursor: null,
          limit: 50,
          now: new Date(),
        });
        return (await pool.query<{ id: string }>(text, values)).rows.map((r) => r.id).sort();
      };
      const [candidates, scan, scanNames] = [await run("candidates"), await run("scan"), await run("scan-names")];
      expect(scan, q).toEqual(candidates);
      expect(scanNames, q).toEqual(candidates);
      // And through the API's function, with the strategy it picks.
      expect((await allPages(asSession(me), { q }, 50)).sort(), q).toEqual(candidates);
      return candidates;
    };
    expect(await both("@vale.bianchi")).toEqual([vale.id]);
    expect(await both("vale.b")).toEqual([vale.id]);
    expect((await both("vale")).length).toBe(2); // vale.bianchi and Valerie
    for (const q of ["muller", "MÜLLER", "Müller", "jurgen mu"]) expect(await both(q), q).toEqual([jurgen.id]);
    expect(await both("cagla sahin")).toEqual([cagla.id]);
    expect(await both("ÇAĞLA")).toEqual([cagla.id]);
  });

  it("the database folds exactly as the browser-side foldForSearch does", async () => {
    const samples = ["Jürgen Müller", "ÇAĞLA Şahin", "Chloé", "Mu\u0308ller", "Łódź ß Æ", "Ωμέγα", "İstanbul", "@Vale.Bianchi", "日本語 😀"];
    const { rows } = await pool.query<{ folded: string[] }>("SELECT array_agg(inbox_search_fold(t) ORDER BY n) AS folded FROM unnest($1::text[]) WITH ORDINALITY AS s(t, n)", [samples]);
    expect(rows[0]!.folded).toEqual(samples.map(foldForSearch));
  });
});

describe("search strategies", () => {
  it("a frequent term walks the folder, a rare one collects its matches; both find the same conversations in the same order", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await conversation(channel, { hoursAgo: i, name: `Person ${i}`, text: i % 2 ? "where is my parcel" : "hello" })).id);
    await conversation(channel, { hoursAgo: 7, name: "Parcel Fan", text: "hi" });
    const me = await createTestAgent(account.id, "MANAGER");
    expect(await chooseSearchStrategy({ accountId: account.id, search: "parcel" })).toBe("candidates");
    expect(await chooseSearchStrategy({ accountId: account.id, search: "parcel", frequentAt: 2 })).toBe("scan");
    // Frequent in names only ("Person 0" … "Person 5"): names are checked on the walk, messages collected first.
    expect(await chooseSearchStrategy({ accountId: account.id, search: "person", frequentAt: 2 })).toBe("scan-names");
    const run = async (searchStrategy: SearchStrategy, folder: "all" | "expiring") => {
      const { text, values } = conversationListSql({
        accountId: account.id,
        agentId: me.id,
        channelIds: null,
        platform: null,
        folder,
        search: "parcel",
        searchStrategy,
        cursor: null,
        limit: 50,
        now: new Date(),
      });
      return (await pool.query<{ id: string }>(text, values)).rows.map((r) => r.id);
    };
    const expected = [ids[1], ids[3], ids[5]];
    expect(await run("candidates", "all")).toEqual([...expected, expect.any(String)]);
    expect(await run("scan", "all")).toEqual(await run("candidates", "all"));
    expect(await run("scan-names", "all")).toEqual(await run("candidates", "all"));
    expect(await run("scan-names", "expiring")).toEqual(await run("candidates", "expiring"));
    expect(await run("scan", "expiring")).toEqual(await run("candidates", "expiring"));
  });
});

describe("listConversations: expiring soon over time", () => {
  it("a conversation enters Expiring soon 3 h before our cut-over and leaves it at the cut-over", async () => {
    const account = await createAccount();
    const channel = await createChannel(account.id, { humanAgentEnabled: false });
    const c = await conversation(channel, { hoursAgo: 0 });
    const me = asSession(await createTestAgent(account.id, "MANAGER"));
    const lastInboundAt = (await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).lastInboundAt!;
    const at = (ms: number) => new Date(lastInboundAt.getTime() + ms);
    const ids = async (now: Date) => (await listConversations(me, { folder: "expiring", limit: 10 }, { now })).conversations.map((x) => x.id);
    expect(await ids(at(20 * HOUR + 54 * 60_000))).toEqual([]);
    expect(await ids(at(20 * HOUR + 55 * 60_000))).toEqual([c.id]);
    expect(await ids(at(23 * HOUR + 54 * 60_000))).toEqual([c.id]);
    expect(await ids(at(23 * HOUR + 55 * 60_000))).toEqual([]);
    expect(await ids(at(7 * DAY))).toEqual([]);
  });
});
