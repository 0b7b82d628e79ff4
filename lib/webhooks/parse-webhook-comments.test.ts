// Comment changes (`changes[]`): Page `feed` comments (five verbs) and Instagram `comments` / `live_comments`
// (new comments only), in the shapes Meta sends (and meta-simulator/src/comments.ts emits). What is not a comment
// change is ignored, with the reason.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readWebhookEnvelope, webhookItems } from "./parse-webhook";

const FIXTURES = path.join(import.meta.dirname, "../../meta-simulator/fixtures");
const ENTRY_TIME = 1_764_000_000_000;
const CREATED_S = 1_763_999_990;
const POST = "100518329516574_194260390126069";
const COMMENT = "194260390126069_123456789012345";

function parseChanges(object: string, changes: unknown[], entry: Record<string, unknown> = { time: ENTRY_TIME }) {
  const read = readWebhookEnvelope(JSON.stringify({ object, entry: [{ id: "CHANNEL", ...entry, changes }] }));
  if (!read.ok) throw new Error(read.reason);
  return webhookItems(read.envelope);
}
const feed = (value: Record<string, unknown>) => ({ field: "feed", value });
/** A Page feed comment as Meta sends it: the post id as `parent_id` of a top-level comment, `created_time` in seconds. */
const feedComment = (extra: Record<string, unknown> = {}) =>
  feed({
    from: { id: "PSID_A", name: "Ada Berg" },
    post: { id: POST, status_type: "added_photos", is_published: true, permalink_url: "https://www.facebook.com/100518329516574/posts/194260390126069", promotion_status: "inactive" },
    post_id: POST,
    comment_id: COMMENT,
    created_time: CREATED_S,
    item: "comment",
    parent_id: POST,
    verb: "add",
    message: "Is this still available?",
    ...extra,
  });
const reasons = (object: string, changes: unknown[], entry?: Record<string, unknown>) => {
  const { items, ignored } = parseChanges(object, changes, entry);
  expect(items).toEqual([]);
  return ignored.map((i) => i.reason);
};

describe("Page feed comments", () => {
  it("reads a new top-level comment: author, post, permalink, the entry's time as the change's time", () => {
    expect(parseChanges("page", [feedComment()])).toEqual({
      ignored: [],
      items: [
        {
          object: "page",
          channelMetaId: "CHANNEL",
          personId: "PSID_A",
          userRef: null,
          standby: false,
          timestamp: new Date(ENTRY_TIME),
          type: "comment",
          verb: "add",
          field: "feed",
          commentId: COMMENT,
          postId: POST,
          parentId: null,
          text: "Is this still available?",
          createdAt: new Date(CREATED_S * 1000),
          authorName: "Ada Berg",
          authorUsername: null,
          permalink: "https://www.facebook.com/100518329516574/posts/194260390126069",
          adId: null,
          adTitle: null,
          mediaProductType: null,
        },
      ],
    });
  });

  it("a reply names the comment it answers", () => {
    expect(parseChanges("page", [feedComment({ parent_id: "194260390126069_999" })]).items[0]).toMatchObject({ parentId: "194260390126069_999" });
  });

  it("a comment on an ad post carries the ad's id and title", () => {
    const post = { id: POST, promotion_status: "active", ad_id: "6045246247433", ad_title: "Spring sale" };
    expect(parseChanges("page", [feedComment({ post })]).items[0]).toMatchObject({ adId: "6045246247433", adTitle: "Spring sale" });
  });

  it.each<[string, string | null]>([
    ["add", "Is this still available?"],
    ["edited", "Is this still available?"],
    ["remove", null],
    ["hide", null],
    ["unhide", null],
  ])("verb %s is read; its text is kept only for add and edited", (verb, text) => {
    expect(parseChanges("page", [feedComment({ verb })]).items).toEqual([expect.objectContaining({ type: "comment", verb, text })]);
  });

  it("a removal without `from` names no person", () => {
    expect(parseChanges("page", [feedComment({ verb: "remove", from: undefined, message: undefined })]).items[0]).toMatchObject({ verb: "remove", personId: null, authorName: null });
  });

  it("a verb outside Meta's five is ignored, with the reason", () => {
    expect(reasons("page", [feedComment({ verb: "update" })])).toEqual(['feed comment verb "update"']);
  });

  it("a feed change that is not a comment (a status post, from a real payload) is ignored, with the reason", () => {
    const status = JSON.parse(readFileSync(path.join(FIXTURES, "jgorset+facebook-messenger/feed/payload.json"), "utf8")) as unknown;
    expect(reasons("page", [status])).toEqual(['feed item "status"']);
  });

  it("a comment without comment_id, or without post_id, is ignored", () => {
    expect(reasons("page", [feedComment({ comment_id: undefined }), feedComment({ post_id: undefined })])).toEqual([
      "feed comment without comment_id or post_id",
      "feed comment without comment_id or post_id",
    ]);
  });

  it("the change's time is the entry's; without one, the comment's created_time; without both, ignored", () => {
    expect(parseChanges("page", [feedComment()]).items[0]).toMatchObject({ timestamp: new Date(ENTRY_TIME), createdAt: new Date(CREATED_S * 1000) });
    expect(parseChanges("page", [feedComment()], {}).items[0]).toMatchObject({ timestamp: new Date(CREATED_S * 1000) });
    expect(reasons("page", [feedComment({ created_time: undefined })], {})).toEqual(["feed comment without a time"]);
  });
});

describe("Instagram comments and live comments", () => {
  const value = (extra: Record<string, unknown> = {}) => ({
    from: { id: "IGSID1", username: "ada.berg" },
    media: { id: "17895695668004550", media_product_type: "REELS" },
    id: "17865799348089039",
    text: "Price?",
    ...extra,
  });

  it("reads a new comment: username, media, its product type, no creation time of its own", () => {
    expect(parseChanges("instagram", [{ field: "comments", value: value() }])).toEqual({
      ignored: [],
      items: [
        {
          object: "instagram",
          channelMetaId: "CHANNEL",
          personId: "IGSID1",
          userRef: null,
          standby: false,
          timestamp: new Date(ENTRY_TIME),
          type: "comment",
          verb: "add",
          field: "comments",
          commentId: "17865799348089039",
          postId: "17895695668004550",
          parentId: null,
          text: "Price?",
          createdAt: null,
          authorName: null,
          authorUsername: "ada.berg",
          permalink: null,
          adId: null,
          adTitle: null,
          mediaProductType: "REELS",
        },
      ],
    });
  });

  it("a reply names its parent; a comment on an ad carries the ad", () => {
    const item = parseChanges("instagram", [{ field: "comments", value: value({ parent_id: "17865799348089000", media: { id: "17895695668004550", ad_id: "120210000000000", ad_title: "Drop" } }) }]).items[0];
    expect(item).toMatchObject({ parentId: "17865799348089000", adId: "120210000000000", adTitle: "Drop" });
  });

  it.each<[string, string | undefined, string | null]>([
    ["a live comment without a product type is LIVE", undefined, "LIVE"],
    ["a live comment keeps the product type Meta sent", "REELS", "REELS"],
  ])("%s", (_name, mediaProductType, expected) => {
    const item = parseChanges("instagram", [{ field: "live_comments", value: value({ media: { id: "17895695668004550", media_product_type: mediaProductType } }) }]).items[0];
    expect(item).toMatchObject({ field: "live_comments", mediaProductType: expected });
  });

  it("a feed comment without a product type has none", () => {
    expect(parseChanges("instagram", [{ field: "comments", value: value({ media: { id: "17895695668004550" } }) }]).items[0]).toMatchObject({ mediaProductType: null });
  });

  it("a comment without id, or without media.id, or without the entry's time, is ignored, with the reason", () => {
    expect(reasons("instagram", [{ field: "comments", value: value({ id: undefined }) }, { field: "live_comments", value: value({ media: {} }) }])).toEqual([
      "comments without id or media.id",
      "live_comments without id or media.id",
    ]);
    expect(reasons("instagram", [{ field: "live_comments", value: value() }], {})).toEqual(["live_comments without a time"]);
  });
});

describe("which object reads which field", () => {
  it.each<[string, string, Record<string, unknown>]>([
    ["instagram", "feed", { item: "comment", verb: "add", comment_id: COMMENT, post_id: POST, from: { id: "PSID_A" } }],
    ["page", "comments", { id: "17865799348089039", media: { id: "17895695668004550" }, from: { id: "IGSID1" } }],
    ["instagram", "mentions", { id: "17865799348089039", media: { id: "17895695668004550" }, comment_id: "1" }],
  ])("%s `%s` is not a comment change", (object, field, value) => {
    expect(reasons(object, [{ field, value }])).toEqual([`changes[] entry (field ${field})`]);
  });

  it("an entry-level `value` without a `field`, or a `field` without an object `value`, is no change at all", () => {
    const comment = { from: { id: "IGSID1" }, media: { id: "17895695668004550" }, id: "17865799348089039", text: "x" };
    expect(parseChanges("instagram", [], { time: ENTRY_TIME, value: comment })).toEqual({ items: [], ignored: [] });
    expect(parseChanges("instagram", [], { time: ENTRY_TIME, field: "comments", value: "x" })).toEqual({ items: [], ignored: [] });
  });
});
