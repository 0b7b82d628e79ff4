// Deterministic datasets: "demo" (human content, ~40 conversations), "generic" (sized, for benchmarks)
// and "empty". Same seed + same anchor → identical world (ids, names, texts, times).

import { IdFactory } from "./ids";
import { Rng } from "./rng";
import {
  DEMO_AGES,
  DEMO_IG,
  DEMO_PAGES,
  DEMO_PEOPLE,
  DEMO_SCRIPTS,
  DEMO_USER,
  GENERIC_CUSTOMER_TEXTS,
  GENERIC_FIRST,
  GENERIC_LAST,
  GENERIC_PAGE_TEXTS,
  SIZES,
  longScript,
  type DemoLine,
  type DemoScript,
} from "./demo-content";
import {
  World,
  type AttachmentRec,
  type AttachmentType,
  type CommentRec,
  type ContactRec,
  type ConversationRec,
  type PostRec,
  type IgAccountRec,
  type PageRec,
  type Platform,
} from "./world";

export const PAGE_INBOX_APP_ID = "263902037430900";
/** Scopes of the dataset's own tokens (everything the inbox needs). OAuth tokens get what was asked for. */
export const ALL_SCOPES = ["pages_show_list", "pages_messaging", "pages_manage_metadata", "pages_read_engagement", "instagram_basic", "instagram_manage_messages", "business_management", "pages_manage_engagement", "pages_read_user_content", "instagram_manage_comments"] as const;
export const USER_TOKEN_TTL_MS = 5_183_944_000; // ≈ 60 days, what Meta answers for long-lived user tokens

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface GenericSizes {
  pages: number;
  instagramAccounts: number;
  /** Total conversations, spread evenly over all channels (Pages + IG accounts). */
  conversations: number;
  messagesPerConversation: { min: number; max: number };
  attachmentRate: number;
  /** Which channels hold the Human Agent feature. */
  humanAgent: "all" | "none" | "alternate";
}

const DEFAULT_GENERIC_SIZES: GenericSizes = {
  pages: 2,
  instagramAccounts: 1,
  conversations: 5000,
  messagesPerConversation: { min: 1, max: 30 },
  attachmentRate: 0.1,
  humanAgent: "alternate",
};

export type DatasetSpec =
  | { name: "demo"; seed?: number | string }
  | { name: "empty"; seed?: number | string; sizes?: { pages?: number; instagramAccounts?: number } }
  | { name: "generic"; seed?: number | string; sizes?: Partial<GenericSizes> };

export interface DatasetContext {
  /** Simulated "now" the ages are measured from. */
  anchor: number;
  appId: string;
}

export interface BuiltDataset {
  world: World;
  ids: IdFactory;
  userToken: string;
  seed: number | string;
}

const PAGE_TASKS = ["ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE", "CREATE_CONTENT", "MANAGE"];

export function buildDataset(spec: DatasetSpec, ctx: DatasetContext): BuiltDataset {
  const seed = spec.seed ?? (spec.name === "demo" ? "demo" : 1);
  const ids = new IdFactory(seed);
  const rng = new Rng(`data:${seed}`);
  const b = new Builder(ids, rng, ctx);
  switch (spec.name) {
    case "demo":
      b.demo();
      break;
    case "generic":
      b.generic({ ...DEFAULT_GENERIC_SIZES, ...spec.sizes });
      break;
    case "empty":
      b.empty(spec.sizes?.pages ?? 1, spec.sizes?.instagramAccounts ?? 0);
      break;
  }
  return { world: b.world, ids, userToken: b.userToken, seed };
}

interface PlannedMessage {
  who: "c" | "p" | "b";
  text: string | null;
  attachment?: { type: AttachmentType; name: string; mimeType: string };
}

export interface InstagramLoginAccountSpec {
  username: string;
  name: string;
  humanAgent?: boolean;
  /** Conversations across the window stages (< 24 h, 24 h–7 d, > 7 d), plus Requests-folder threads. */
  withConversations?: boolean;
  /** Media with people's comments across the private-reply allowance (fresh, 2 d, 6 d, 8 d old). */
  withComments?: boolean;
}

/**
 * Adds an Instagram professional account with no linked Facebook Page — reachable only through Instagram
 * Login. Its stand-in Page record (`hidden`) carries buckets and bookkeeping and is never listed.
 */
export function addInstagramLoginAccount(world: World, ids: IdFactory, ctx: DatasetContext, spec: InstagramLoginAccountSpec): IgAccountRec {
  const b = new Builder(ids, new Rng(`iglogin:${spec.username}`), ctx, world);
  return b.instagramLoginAccount(spec);
}

/** Ages of the Instagram-Login account's threads: every window stage, and two older than 30 days. */
const IG_LOGIN_AGES = [4 * MINUTE, 50 * MINUTE, 6 * HOUR, DAY - MINUTE, DAY + MINUTE, 30 * HOUR, 3 * DAY, 7 * DAY - MINUTE, 7 * DAY + MINUTE, 9 * DAY, 35 * DAY, 45 * DAY];

class Builder {
  readonly world: World;
  readonly userToken: string;

  constructor(
    private readonly ids: IdFactory,
    private readonly rng: Rng,
    private readonly ctx: DatasetContext,
    world?: World,
  ) {
    this.world = world ?? new World({ id: ids.userId(), name: "", firstName: "", lastName: "" });
    this.userToken = world ? "" : ids.token();
  }

  instagramLoginAccount(spec: InstagramLoginAccountSpec): IgAccountRec {
    const humanAgent = spec.humanAgent ?? true;
    const standIn: PageRec = {
      id: this.ids.pageId(),
      name: spec.name,
      category: "Instagram professional account",
      username: spec.username,
      accessToken: "",
      tasks: [],
      humanAgent,
      threadOwner: "us",
      subscribedFields: [],
      igAccountId: null,
      hidden: true,
    };
    this.world.addPage(standIn);
    const ig = this.addIg(standIn, spec.username, spec.name, humanAgent);
    if (spec.withComments) this.instagramLoginComments(ig);
    if (!spec.withConversations) return ig;
    const scripts = [21, 22, 23, 0, 1, 3, 4, 8, 9, 12, 14, 2].map((i) => DEMO_SCRIPTS[i] as DemoScript);
    IG_LOGIN_AGES.forEach((age, i) => {
      const who = DEMO_PEOPLE[(i * 5 + 3) % DEMO_PEOPLE.length];
      if (!who) return;
      const contact = this.addContact("instagram", ig.id, who.first, who.last, `${who.username ?? who.first.toLowerCase()}.${i}`, who.locale);
      const script = scripts[i % scripts.length] as DemoScript;
      // The oldest thread was never answered: it sits in Instagram's Requests folder (not listed after 30 days).
      const lines = age === 45 * DAY ? script.lines.filter((l) => l.who === "c") : script.lines;
      const plan: PlannedMessage[] = lines.map((l: DemoLine) => ({ who: l.who, text: l.text ?? null, ...(l.attachment ? { attachment: l.attachment } : {}) }));
      let lastInbound = plan.length - 1;
      while (lastInbound > 0 && plan[lastInbound]?.who !== "c") lastInbound--;
      this.addConversation("instagram", ig, contact, plan, lastInbound, age, () => this.rng.int(2, 9) * MINUTE + this.rng.int(0, 59) * 1000);
    });
    return ig;
  }

  /** A post (Page) or media (Instagram) of the dataset, `ageMs` before the anchor. */
  private datasetPost(channel: PageRec | IgAccountRec, platform: Platform, message: string, ageMs: number, ad?: { id: string; title: string }, product: PostRec["mediaProductType"] = null): PostRec {
    const n = String(10_000_000_000_000 + this.world.nextSeq() * 7919);
    const p: PostRec = {
      id: platform === "messenger" ? `${channel.id}_${n}` : `179${n}`,
      platform,
      channelId: channel.id,
      pageId: platform === "messenger" ? channel.id : (channel as IgAccountRec).pageId,
      createdTime: this.ctx.anchor - ageMs,
      message,
      pictureName: "post.jpg",
      adId: ad?.id ?? null,
      adTitle: ad?.title ?? null,
      visitorContactId: null,
      mediaProductType: platform === "instagram" ? (product ?? "FEED") : null,
      liveRunning: false,
      privateReplyMessageId: null,
      seq: this.world.seq,
    };
    this.world.posts.set(p.id, p);
    return p;
  }

  /** A comment of the dataset (no webhook); `who` null = the Page / account itself. */
  private datasetComment(p: PostRec, who: ContactRec | null, text: string, ageMs: number, parentId: string | null = null): CommentRec {
    const n = String(10_000_000_000_000 + this.world.nextSeq() * 7919);
    const c: CommentRec = {
      id: p.platform === "messenger" ? `${p.id.split("_")[1]}_${n}` : `180${n}`,
      postId: p.id,
      platform: p.platform,
      channelId: p.channelId,
      parentId,
      contactId: who?.id ?? null,
      fromPage: who === null,
      text,
      createdTime: this.ctx.anchor - ageMs,
      editedTime: null,
      hidden: false,
      deleted: false,
      privateReplyMessageId: null,
      seq: this.world.seq,
    };
    this.world.comments.set(c.id, c);
    return c;
  }

  /**
   * Media of an Instagram-Login account with comments across the private-reply allowance: fresh, 2 days, 6 days
   * and 8 days old, a reply by the account, one on an ad.
   */
  private instagramLoginComments(ig: IgAccountRec) {
    const person = (first: string, last: string, username: string) => this.addContact("instagram", ig.id, first, last, username, "en_US");
    const knit = this.datasetPost(ig, "instagram", "New in: the hand-knitted Fjord scarf, undyed Norwegian wool 🧣", 9 * DAY);
    const oak = this.datasetPost(ig, "instagram", "Workshop morning: oiling the oak stools before they ship.", 3 * DAY, undefined, "REELS");
    const ad = this.datasetPost(ig, "instagram", "Winter cabin set: throw, mug and candle, -15% this week.", 5 * DAY, { id: "120210000000000003", title: "Winter cabin set" });
    const ingrid = person("Ingrid", "Solberg", "ingrid.solberg");
    const malik = person("Malik", "Haddad", "malik.hdd");
    const noor = person("Noor", "Jansen", "noor.jansen");
    const pablo = person("Pablo", "Ortega", "pablo.ortg");
    const asked = this.datasetComment(knit, ingrid, "Is the Fjord scarf itchy? My skin is sensitive.", 90 * MINUTE);
    this.datasetComment(knit, null, "Not at all: the wool is brushed soft, and we take returns for 30 days.", 60 * MINUTE, asked.id);
    this.datasetComment(oak, malik, "Do you ship the stools to Germany? 😍", 2 * DAY);
    this.datasetComment(ad, noor, "Can I swap the mug for a second candle?", 6 * DAY + 3 * HOUR);
    this.datasetComment(knit, pablo, "Ordered one last week, still no tracking number.", 8 * DAY);
  }

  private setUser(firstName: string, lastName: string) {
    this.world.user = { ...this.world.user, firstName, lastName, name: `${firstName} ${lastName}` };
    this.world.tokens.set(this.userToken, {
      token: this.userToken,
      kind: "user",
      userId: this.world.user.id,
      pageId: null,
      appId: this.ctx.appId,
      scopes: [...ALL_SCOPES],
      grantedPageIds: null,
      issuedAt: this.ctx.anchor,
      expiresAt: this.ctx.anchor + USER_TOKEN_TTL_MS,
      invalidatedAt: null,
    });
  }

  private addPage(name: string, category: string, username: string, humanAgent: boolean): PageRec {
    const page: PageRec = {
      id: this.ids.pageId(),
      name,
      category,
      username,
      accessToken: this.ids.token(),
      tasks: [...PAGE_TASKS],
      humanAgent,
      threadOwner: "us",
      subscribedFields: [],
      igAccountId: null,
    };
    this.world.addPage(page);
    this.world.tokens.set(page.accessToken, {
      token: page.accessToken,
      kind: "page",
      userId: this.world.user.id,
      pageId: page.id,
      appId: this.ctx.appId,
      scopes: [...ALL_SCOPES],
      grantedPageIds: null,
      issuedAt: this.ctx.anchor,
      expiresAt: null,
      invalidatedAt: null,
    });
    return page;
  }

  private addIg(page: PageRec, username: string, name: string, humanAgent: boolean): IgAccountRec {
    const ig: IgAccountRec = { id: this.ids.igAccountId(), pageId: page.id, username, name, humanAgent, threadOwner: "us", subscribedFields: [] };
    page.igAccountId = ig.id;
    this.world.addIgAccount(ig);
    return ig;
  }

  private addContact(platform: Platform, channelId: string, first: string, last: string, username: string | null, locale: string): ContactRec {
    const c: ContactRec = {
      id: platform === "messenger" ? this.ids.psid() : this.ids.igsid(),
      platform,
      channelId,
      firstName: first,
      lastName: last,
      username: platform === "instagram" ? username : null,
      locale,
      userRef: null,
      createdAt: this.ctx.anchor - 400 * DAY,
    };
    this.world.addContact(c);
    return c;
  }

  private attachment(spec: { type: AttachmentType; name: string; mimeType: string }): AttachmentRec {
    const a: AttachmentRec = {
      id: this.ids.attachmentId(),
      type: spec.type,
      mimeType: spec.mimeType,
      name: spec.name,
      size: this.rng.int(20_000, 2_000_000),
    };
    if (spec.type === "image" || spec.type === "video") {
      a.width = 1080;
      a.height = spec.type === "image" ? 1350 : 1920;
    }
    return a;
  }

  /**
   * Creates the conversation. `lastInbound` is the index of the person's last message in `plan`; it gets
   * time `anchor - age`; earlier lines go back in `gapsBefore`, later ones (Page replies) forward.
   */
  private addConversation(
    platform: Platform,
    channel: PageRec | IgAccountRec,
    contact: ContactRec,
    plan: PlannedMessage[],
    lastInbound: number,
    age: number,
    gap: () => number,
  ): ConversationRec {
    const pageId = platform === "messenger" ? channel.id : (channel as IgAccountRec).pageId;
    const conv: ConversationRec = {
      id: platform === "messenger" ? this.ids.messengerConversationId() : this.ids.instagramConversationId(channel.id),
      platform,
      channelId: channel.id,
      pageId,
      contactId: contact.id,
      messages: [],
      updatedTime: 0,
      lastOpenerAt: null,
      lastOpenerKind: null,
      pageSeenAt: 0,
      customerDeliveredAt: 0,
      customerReadAt: 0,
    };
    const anchorInbound = this.ctx.anchor - age;
    const times: number[] = new Array<number>(plan.length);
    times[lastInbound] = anchorInbound;
    for (let i = lastInbound - 1; i >= 0; i--) times[i] = (times[i + 1] as number) - gap();
    for (let i = lastInbound + 1; i < plan.length; i++) times[i] = (times[i - 1] as number) + gap();
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i] as PlannedMessage;
      const t = times[i] as number;
      if (t > this.ctx.anchor - 1000) break; // never in the future
      const fromPage = p.who !== "c";
      const m = this.world.newMessage({
        id: platform === "messenger" ? this.ids.messengerMid() : this.ids.instagramMid(channel.id),
        conversationId: conv.id,
        createdTime: t,
        fromPage,
        appId: p.who === "p" ? this.ctx.appId : p.who === "b" ? PAGE_INBOX_APP_ID : null,
        text: p.text,
        attachments: p.attachment ? [this.attachment(p.attachment)] : [],
        messagingType: fromPage ? "RESPONSE" : null,
        source: "dataset",
      });
      conv.messages.push(m);
      if (!fromPage) {
        conv.lastOpenerAt = t;
        conv.lastOpenerKind = "MESSAGE";
      } else {
        conv.pageSeenAt = t;
        if (t < anchorInbound) {
          conv.customerDeliveredAt = t;
          conv.customerReadAt = t;
        }
      }
    }
    const last = conv.messages[conv.messages.length - 1];
    conv.updatedTime = last ? last.createdTime : this.ctx.anchor;
    this.world.addConversation(conv);
    return conv;
  }

  // ── datasets ─────────────────────────────────────────────────────────────
  empty(pages: number, igs: number) {
    this.setUser("Sam", "Admin");
    for (let i = 0; i < pages; i++) {
      const page = this.addPage(`Test Page ${i + 1}`, "Shopping & Retail", `testpage${i + 1}`, true);
      if (i < igs) this.addIg(page, `testpage${i + 1}.ig`, `Test Page ${i + 1}`, true);
    }
  }

  demo() {
    this.setUser(DEMO_USER.firstName, DEMO_USER.lastName);
    const maison = this.addPage(DEMO_PAGES[0].name, DEMO_PAGES[0].category, DEMO_PAGES[0].username, DEMO_PAGES[0].humanAgent);
    const velo = this.addPage(DEMO_PAGES[1].name, DEMO_PAGES[1].category, DEMO_PAGES[1].username, DEMO_PAGES[1].humanAgent);
    const ig = this.addIg(maison, DEMO_IG.username, DEMO_IG.name, DEMO_IG.humanAgent);
    const scripts: Record<"maison" | "velo" | "ig", DemoScript[]> = {
      maison: [longScript(), ...[0, 1, 2, 3, 4, 8, 9, 12, 14, 21, 22, 23, 6, 7, 11].map((i) => DEMO_SCRIPTS[i] as DemoScript)],
      velo: [15, 16, 17, 18, 19, 20, 5, 10, 13, 7, 6, 11].map((i) => DEMO_SCRIPTS[i] as DemoScript),
      ig: [21, 22, 23, 0, 1, 3, 4, 8, 9, 12, 14, 2, 10].map((i) => DEMO_SCRIPTS[i] as DemoScript),
    };
    let person = 0;
    const channels: Array<["maison" | "velo" | "ig", Platform, PageRec | IgAccountRec]> = [
      ["maison", "messenger", maison],
      ["velo", "messenger", velo],
      ["ig", "instagram", ig],
    ];
    for (const [key, platform, channel] of channels) {
      const ages = DEMO_AGES[key];
      ages.forEach((age, i) => {
        const who = DEMO_PEOPLE[person++ % DEMO_PEOPLE.length];
        if (!who) return;
        const contact = this.addContact(platform, channel.id, who.first, who.last, who.username, who.locale);
        const script = scripts[key][i % scripts[key].length] as DemoScript;
        const plan: PlannedMessage[] = script.lines.map((l: DemoLine) => ({
          who: l.who,
          text: l.text ?? null,
          ...(l.attachment ? { attachment: l.attachment } : {}),
        }));
        let lastInbound = plan.length - 1;
        while (lastInbound > 0 && plan[lastInbound]?.who !== "c") lastInbound--;
        // Every third recent conversation already has an agent answer after the person's last message.
        if (i % 3 === 1 && age > 20 * MINUTE) plan.push({ who: "p", text: answerFor(script.lang) });
        this.addConversation(platform, channel, contact, plan, lastInbound, age, () => this.rng.int(2, 9) * MINUTE + this.rng.int(0, 59) * 1000);
      });
    }
    this.demoComments(maison, velo, ig);
  }

  /**
   * Posts with comments across the private-reply allowance: fresh, 6 days, 8 days old, one already answered
   * privately (the reply sits in the person's existing conversation), one on an ad, a public Page reply.
   */
  private demoComments(maison: PageRec, velo: PageRec, ig: IgAccountRec) {
    const a = this.ctx.anchor;
    const post = this.datasetPost.bind(this);
    const comment = this.datasetComment.bind(this);
    const person = (platform: Platform, channelId: string, first: string, last: string, username: string | null) => this.addContact(platform, channelId, first, last, username, "en_US");

    const winter = post(maison, "messenger", "Our winter collection is here: hand-poured candles in amber glass, fig & cedar, snow pine.", 9 * DAY);
    const hugo = person("messenger", maison.id, "Hugo", "Lefèvre", null);
    const ines = person("messenger", maison.id, "Inès", "Moreau", null);
    const tom = person("messenger", maison.id, "Tom", "Becker", null);
    comment(winter, hugo, "Is the fig & cedar one available in the large size? I'd like two for Christmas.", 2 * HOUR);
    comment(winter, ines, "Do you ship to Belgium? The website doesn't say.", 6 * DAY);
    comment(winter, tom, "Ordered 10 days ago and nothing arrived yet, order #4471.", 8 * DAY);
    const ad = post(maison, "messenger", "-20% on every diffuser this week only.", 3 * DAY, { id: "120210000000000001", title: "Diffusers -20% December" });
    const lea = person("messenger", maison.id, "Léa", "Garnier", null);
    comment(ad, lea, "Does the discount apply to the refills too?", 40 * MINUTE);
    // Answered privately two days ago: the reply is a message in the person's existing conversation.
    const convs = this.world.sortedConversations(maison.id).filter((c) => c.updatedTime > a - 2 * DAY + HOUR && c.messages.length > 0);
    const answeredConv = convs[convs.length - 1];
    if (answeredConv) {
      const who = this.world.contacts.get(answeredConv.contactId) as ContactRec;
      const asked = comment(winter, who, "Can I pick up my order in the Paris shop instead?", 2 * DAY);
      const m = this.world.newMessage({
        id: this.ids.messengerMid(),
        conversationId: answeredConv.id,
        createdTime: asked.createdTime + 25 * MINUTE,
        fromPage: true,
        appId: this.ctx.appId,
        text: "Hello! Yes, pick-up in our Paris shop (12 rue des Martyrs) is free — just choose it at checkout.",
        source: "dataset",
      });
      this.world.addMessage(answeredConv, m);
      asked.privateReplyMessageId = m.id;
    }

    const ride = post(velo, "messenger", "Sunday group ride: 60 km along the Marne, meet at 9:00 at the shop.", 2 * DAY);
    const marco = person("messenger", velo.id, "Marco", "Bianchi", null);
    const asked = comment(ride, marco, "Is a gravel bike fine for this route?", 20 * HOUR);
    comment(ride, null, "Yes, the whole route is paved or hard-packed gravel!", 19 * HOUR, asked.id);

    const reel = post(ig, "instagram", "Behind the scenes: pouring our snow pine candle ❄️", 4 * DAY, undefined, "REELS");
    const chloe = person("instagram", ig.id, "Chloé", "Dubois", "chloe.dbs");
    const sam = person("instagram", ig.id, "Sam", "Okafor", "sam.okafor");
    const yuki = person("instagram", ig.id, "Yuki", "Tanaka", "yuki.tnk");
    comment(reel, chloe, "What wax do you use? 😍", 3 * HOUR);
    comment(reel, sam, "Can I order this as a gift with a card?", 6 * DAY + 2 * HOUR);
    const igAd = post(ig, "instagram", "Gift sets for the holidays 🎁", 10 * DAY, { id: "120210000000000002", title: "Holiday gift sets" });
    comment(igAd, yuki, "Price for the three-candle set?", 8 * DAY);
  }

  generic(sizes: GenericSizes) {
    this.setUser("Bench", "Operator");
    const channels: Array<[Platform, PageRec | IgAccountRec]> = [];
    for (let i = 0; i < sizes.pages; i++) {
      const ha = sizes.humanAgent === "all" || (sizes.humanAgent === "alternate" && i % 2 === 0);
      const page = this.addPage(`Bench Store ${i + 1}`, "Shopping & Retail", `benchstore${i + 1}`, ha);
      channels.push(["messenger", page]);
      if (i < sizes.instagramAccounts) channels.push(["instagram", this.addIg(page, `benchstore${i + 1}`, `Bench Store ${i + 1}`, ha)]);
    }
    if (channels.length === 0) return;
    const perChannel = new Array<number>(channels.length).fill(0);
    const boundaries = [DAY - MINUTE, DAY, DAY + MINUTE, 7 * DAY - MINUTE, 7 * DAY, 7 * DAY + MINUTE];
    const { min, max } = sizes.messagesPerConversation;
    for (let n = 0; n < sizes.conversations; n++) {
      const ci = n % channels.length;
      const [platform, channel] = channels[ci] as [Platform, PageRec | IgAccountRec];
      const k = perChannel[ci] ?? 0;
      perChannel[ci] = k + 1;
      const rng = this.rng;
      let age: number;
      if (k < boundaries.length) age = boundaries[k] as number;
      else {
        const r = rng.next();
        if (r < 0.35) age = rng.int(1, 24 * 60 - 10) * MINUTE;
        else if (r < 0.7) age = rng.int(24 * 60 + 10, 7 * 24 * 60 - 10) * MINUTE;
        else age = rng.int(7 * 24 * 60 + 10, 60 * 24 * 60) * MINUTE;
        age += rng.int(0, 59) * 1000;
      }
      const first = rng.pick(GENERIC_FIRST);
      const last = rng.pick(GENERIC_LAST);
      const username = `${first}.${last}${rng.int(1, 999)}`.toLowerCase().normalize("NFD").replace(/[^a-z0-9._]/g, "");
      const contact = this.addContact(platform, channel.id, first, last, username, "en_US");
      const count = max > 20 && rng.chance(0.15) ? rng.int(21, max) : rng.int(min, Math.max(min, Math.min(max, 12)));
      const plan: PlannedMessage[] = [];
      for (let i = 0; i < count; i++) {
        const isLast = i === count - 1;
        const who: "c" | "p" | "b" = isLast || i === 0 || rng.chance(0.55) ? "c" : rng.chance(0.8) ? "p" : "b";
        plan.push(this.genericLine(who, sizes.attachmentRate));
      }
      const lastInbound = plan.length - 1;
      if (rng.chance(0.5)) plan.push(this.genericLine(rng.chance(0.8) ? "p" : "b", 0));
      this.addConversation(platform, channel, contact, plan, lastInbound, age, () => rng.int(1, 180) * MINUTE + rng.int(0, 59) * 1000);
    }
  }

  private genericLine(who: "c" | "p" | "b", attachmentRate: number): PlannedMessage {
    const rng = this.rng;
    if (who === "c" && rng.chance(attachmentRate)) {
      const kind = rng.int(0, 3);
      const attachment =
        kind === 0
          ? { type: "image" as const, name: "photo.jpg", mimeType: "image/jpeg" }
          : kind === 1
            ? { type: "file" as const, name: "invoice.pdf", mimeType: "application/pdf" }
            : kind === 2
              ? { type: "video" as const, name: "clip.mp4", mimeType: "video/mp4" }
              : { type: "audio" as const, name: "voice.m4a", mimeType: "audio/mp4" };
      return { who, text: null, attachment };
    }
    const pool = who === "c" ? GENERIC_CUSTOMER_TEXTS : GENERIC_PAGE_TEXTS;
    const text = rng
      .pick(pool)
      .replace("{n}", String(rng.int(10000, 99999)))
      .replace("{s}", rng.pick(SIZES));
    return { who, text };
  }
}

function answerFor(lang: string): string {
  switch (lang) {
    case "fr":
      return "Merci pour votre message ! Nous revenons vers vous très vite.";
    case "de":
      return "Danke für Ihre Nachricht! Wir melden uns gleich.";
    case "ja":
      return "ご連絡ありがとうございます。すぐに確認いたします。";
    case "es":
      return "¡Gracias por tu mensaje! Lo revisamos enseguida.";
    case "it":
      return "Grazie del messaggio! Controlliamo subito.";
    default:
      return "Thanks for your message! We're looking into it.";
  }
}
