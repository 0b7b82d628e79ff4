// Comment review against the week of scripts/testing/comment-scenario.ts: which comments each filter finds,
// and the timeline of replies and private-reply decisions each one shows.
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { reviewCommentsQuerySchema } from "@/lib/validations/review";
import { asSession } from "@/scripts/testing/factories";
import { COMMENT_SCENARIO_NOW, seedCommentScenario } from "@/scripts/testing/comment-scenario";
import { listReviewComments } from "./list-review-comments";

type Seeded = Awaited<ReturnType<typeof seedCommentScenario>>;

describe("review of comments", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedCommentScenario();
    await seedCommentScenario(); // another tenant
  });

  async function list(params: Record<string, string>) {
    const query = reviewCommentsQuerySchema.parse({ limit: "100", ...params });
    return listReviewComments({ agent: asSession(s.manager), query, now: COMMENT_SCENARIO_NOW });
  }
  const who = async (params: Record<string, string>) => (await list(params)).comments.map((c) => c.authorName);

  it("lists people's comments newest first, by the day they were written", async () => {
    expect(await who({ from: "2026-11-09", to: "2026-11-15" })).toEqual(["Olga", "Jo", "Cleo", "Ben", "Lou", "Ana"]);
    expect(await who({})).toHaveLength(13); // + Dan, Eva, Finn, Gus, Hana, Ivy, Nils; never the Page's own
    expect(await who({ platform: "INSTAGRAM" })).toEqual(["Jo", "Ivy", "Nils"]);
  });

  it("filters by outcome with the reports' definitions", async () => {
    expect(await who({ outcome: "public" })).toEqual(["Ben", "Lou", "Ana", "Eva"]);
    expect(await who({ outcome: "private" })).toEqual(["Ben"]);
    expect(await who({ outcome: "expired" })).toEqual(["Jo", "Cleo", "Ivy", "Hana", "Dan"]);
    expect(await who({ outcome: "blocked" })).toEqual(["Cleo"]);
    expect(await who({ outcome: "unanswered", from: "2026-11-09", to: "2026-11-15" })).toEqual(["Olga", "Jo", "Cleo"]);
  });

  it("a comment's timeline shows the private reply with its decision, then the public one from another app", async () => {
    const { comments } = await list({ from: "2026-11-10", to: "2026-11-10" });
    const ben = comments.find((c) => c.authorName === "Ben")!;
    expect(ben.deadline).toBe("2026-11-17T09:55:00.000Z");
    expect(ben.post).toMatchObject({ caption: "Winter sale", isAd: true, adTitle: "Winter ad" });
    expect(ben.entries.map((e) => e.kind)).toEqual(["comment", "private_reply", "public_reply"]);
    expect(ben.entries[1]).toMatchObject({ by: "Alex", state: "SENT", deadline: "2026-11-17T09:55:00.000Z", conversationId: s.bPrivate.conversationId });
    expect(ben.entries[2]).toMatchObject({ by: "Another app (e.g. Meta Business Suite)", state: "OTHER_APP" });
    // The reply filed under Ana's comment that answered Lou's is Lou's, not Ana's.
    const lou = comments.find((c) => c.authorName === "Lou")!;
    expect(lou.entries.map((e) => [e.kind, e.at])).toEqual([["comment", "2026-11-10T09:40:00.000Z"], ["public_reply", "2026-11-10T10:00:00.000Z"]]);
    expect(comments.find((c) => c.authorName === "Ana")!.entries.map((e) => e.at)).toEqual(["2026-11-10T09:00:00.000Z", "2026-11-10T09:30:00.000Z"]);
  });

  it("a refused private reply shows its reason and deadline; the failed one and the expiry follow", async () => {
    const { comments } = await list({ outcome: "blocked" });
    const cleo = comments[0]!;
    expect(cleo.entries.map((e) => e.kind)).toEqual(["comment", "private_reply", "private_blocked", "expired"]);
    expect(cleo.entries[1]).toMatchObject({ state: "FAILED", error: "Meta: this comment is too old to reply to privately." });
    expect(cleo.entries[2]).toMatchObject({ actorName: "Alex", reason: "REPLY_IN_PROGRESS", deadline: "2026-11-18T07:55:00.000Z", textLength: 12 });
    expect(cleo.entries[3]).toMatchObject({ at: "2026-11-18T07:55:00.000Z" });
    const jo = (await list({ platform: "INSTAGRAM", outcome: "expired" })).comments[0]!;
    expect(jo.entries.map((e) => (e.kind === "public_reply" ? e.state : e.kind))).toEqual(["comment", "PENDING", "FAILED", "expired"]);
  });

  it("pages by keyset without gaps or repeats; a forged cursor is a 400", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: "5", ...(cursor ? { cursor } : {}) });
      seen.push(...page.comments.map((c) => c.authorName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(await who({}));
    const error = await list({ cursor: "bm90LWEtY3Vyc29y" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
  });

  it("agents may not review", async () => {
    const error = await listReviewComments({ agent: asSession(s.alex), query: reviewCommentsQuerySchema.parse({}), now: COMMENT_SCENARIO_NOW }).catch((e: unknown) => e);
    expect((error as AppError).status).toBe(403);
  });
});
