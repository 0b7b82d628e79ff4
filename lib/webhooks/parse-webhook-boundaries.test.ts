// Boundaries of the webhook parser that mutation testing showed unpinned: the entry-time fallback, edit counts,
// ad referrals, the quoting of big ids, the feedback template's answers, and the reasons given for what is refused
// or ignored.
import { describe, expect, it } from "vitest";
import { CONTENT_LIMITS } from "@/lib/sync/storable-content";
import { parseMetaJson, readWebhookEnvelope, webhookItems, type IgnoredWebhookItem, type WebhookItem } from "./parse-webhook";

const ENTRY_TIME = 1_700_000_000_000;
const OWN_TIME = 1_700_000_111_000;
const person = { sender: { id: "PSID" }, recipient: { id: "PAGE" } };

function parse(items: unknown[], entry: Record<string, unknown> = { time: ENTRY_TIME }, object = "page") {
  const read = readWebhookEnvelope(JSON.stringify({ object, entry: [{ id: "PAGE", ...entry, messaging: items }] }));
  if (!read.ok) throw new Error(read.reason);
  return webhookItems(read.envelope);
}
const only = (items: unknown[], entry?: Record<string, unknown>): WebhookItem => {
  const { items: parsed, ignored } = parse(items, entry);
  expect(ignored).toEqual([]);
  expect(parsed).toHaveLength(1);
  return parsed[0]!;
};
const ignoredOnly = (items: unknown[], entry?: Record<string, unknown>): IgnoredWebhookItem => {
  const { items: parsed, ignored } = parse(items, entry);
  expect(parsed).toEqual([]);
  expect(ignored).toHaveLength(1);
  return ignored[0]!;
};

describe("item time: own timestamp, else the entry's time, else ignored", () => {
  it("an item with its own timestamp keeps it, whatever the entry's time", () => {
    expect(only([{ ...person, timestamp: OWN_TIME, message: { mid: "m_1", text: "hi" } }]).timestamp).toEqual(new Date(OWN_TIME));
  });

  it("an item without a timestamp falls back to entry.time", () => {
    expect(only([{ ...person, message: { mid: "m_1", text: "hi" } }]).timestamp).toEqual(new Date(ENTRY_TIME));
  });

  it("an unreadable own timestamp also falls back to entry.time", () => {
    expect(only([{ ...person, timestamp: "soon", message: { mid: "m_1", text: "hi" } }]).timestamp).toEqual(new Date(ENTRY_TIME));
  });

  it("neither an own timestamp nor entry.time: ignored, with the reason", () => {
    expect(ignoredOnly([{ ...person, message: { mid: "m_1", text: "hi" } }], {})).toEqual({
      object: "page",
      channelMetaId: "PAGE",
      reason: "item without a readable timestamp",
    });
  });

  it("a delivery's time: its own timestamp, else its watermark, else entry.time, else ignored", () => {
    const delivery = (extra: Record<string, unknown>) => ({ ...person, ...extra });
    expect(only([delivery({ timestamp: OWN_TIME, delivery: { mids: ["m_1"], watermark: ENTRY_TIME + 5 } })]).timestamp).toEqual(new Date(OWN_TIME));
    expect(only([delivery({ delivery: { mids: ["m_1"], watermark: ENTRY_TIME + 5 } })]).timestamp).toEqual(new Date(ENTRY_TIME + 5));
    const noWatermark = only([delivery({ delivery: { mids: ["m_1", "", 7] } })]);
    expect(noWatermark).toMatchObject({ type: "delivery", timestamp: new Date(ENTRY_TIME), watermark: null, mids: ["m_1"] });
    expect(ignoredOnly([delivery({ delivery: { mids: ["m_1"] } })], {}).reason).toBe("delivery without watermark or timestamp");
  });

  it("the item's time, not the entry's, names a synthetic postback key", () => {
    const at = only([{ ...person, timestamp: OWN_TIME, postback: { payload: "P" } }]);
    expect(at).toMatchObject({ type: "postback", mid: expect.stringMatching(new RegExp(`^postback:PSID:${OWN_TIME}:[0-9a-f]{12}$`)) });
    const fallback = only([{ ...person, postback: { payload: "P" } }]);
    expect(fallback).toMatchObject({ mid: expect.stringMatching(new RegExp(`^postback:PSID:${ENTRY_TIME}:[0-9a-f]{12}$`)) });
  });
});

describe("message_edit: num_edit", () => {
  const edit = (num_edit: unknown) => only([{ ...person, timestamp: OWN_TIME, message_edit: { mid: "m_1", text: "fixed", num_edit } }]);
  it.each<[string, unknown, number | null]>([
    ["1 (the first edit)", 1, 1],
    ["5 (Meta's maximum)", 5, 5],
    ["0 (no edit counted): null", 0, null],
    ["negative: null", -1, null],
    ["a fraction: null", 1.5, null],
    ["a numeric string", "3", 3],
    ["missing: null", undefined, null],
    ["not a number: null", "twice", null],
  ])("%s", (_name, numEdit, expected) => {
    expect(edit(numEdit)).toMatchObject({ type: "edit", mid: "m_1", text: "fixed", editCount: expected });
  });

  it("an edit without a mid is ignored, with the reason", () => {
    expect(ignoredOnly([{ ...person, timestamp: OWN_TIME, message_edit: { text: "x", num_edit: 1 } }]).reason).toBe("message_edit without mid");
  });
});

describe("referrals: which are ads", () => {
  const referral = (raw: Record<string, unknown>) => {
    const item = only([{ ...person, timestamp: OWN_TIME, referral: raw }]);
    if (item.type !== "referral") throw new Error(item.type);
    return item.referral;
  };

  it("source ADS without an ad_id is an ad", () => {
    expect(referral({ source: "ADS", type: "OPEN_THREAD" })).toMatchObject({ isAd: true, adId: null, source: "ADS" });
  });

  it("an ad_id without a source is an ad", () => {
    expect(referral({ ad_id: "6045246247433", type: "OPEN_THREAD" })).toMatchObject({ isAd: true, adId: "6045246247433", source: null });
  });

  it("a shortlink (m.me) referral is not an ad, and keeps ref, source, type and the raw object", () => {
    expect(referral({ ref: "spring", source: "SHORTLINK", type: "OPEN_THREAD" })).toEqual({
      ref: "spring",
      source: "SHORTLINK",
      type: "OPEN_THREAD",
      adId: null,
      isAd: false,
      raw: { ref: "spring", source: "SHORTLINK", type: "OPEN_THREAD" },
    });
  });

  it("a lower-case 'ads' source is not Meta's ADS", () => {
    expect(referral({ source: "ads" }).isAd).toBe(false);
  });

  it("a message and a postback carry their referral; without one it is null", () => {
    const message = only([{ ...person, timestamp: OWN_TIME, message: { mid: "m_1", text: "hi", referral: { source: "ADS", ad_id: "7" } } }]);
    expect(message).toMatchObject({ type: "message", referral: { isAd: true, adId: "7" } });
    const postback = only([{ ...person, timestamp: OWN_TIME, postback: { mid: "m_p", payload: "GO", title: "Go", referral: { ref: "r" } } }]);
    expect(postback).toMatchObject({ type: "postback", mid: "m_p", title: "Go", payload: "GO", referral: { ref: "r", isAd: false } });
    expect(only([{ ...person, timestamp: OWN_TIME, postback: { mid: "m_q" } }])).toMatchObject({ referral: null, title: null, payload: null });
  });

  it("the synthetic referral key depends on the referral's content", () => {
    const midOf = (ref: string) => {
      const item = only([{ ...person, timestamp: OWN_TIME, referral: { ref } }]);
      if (item.type !== "referral") throw new Error(item.type);
      return item.mid;
    };
    expect(midOf("a")).toMatch(new RegExp(`^referral:PSID:${OWN_TIME}:[0-9a-f]{12}$`));
    expect(midOf("a")).not.toBe(midOf("b"));
    expect(midOf("a")).toBe(midOf("a"));
  });
});

describe("big numbers: ids are quoted before JSON.parse", () => {
  const big = "184719329217930001";
  it.each<[string, string]>([
    ["app_id before a comma", `{"app_id":${big},"x":1}`],
    ["id before a closing brace", `{"id":${big}}`],
    ["ad_id with spaces around the colon", `{"ad_id" : ${big} }`],
    ["id with a newline before the brace", `{"id":\n${big}\n}`],
    ["id as the last item of an array of objects", `[{"id":${big}}]`],
  ])("%s keeps every digit", (_name, raw) => {
    const parsed = parseMetaJson(raw) as Record<string, unknown> | Record<string, unknown>[];
    const value = Array.isArray(parsed) ? parsed[0]!.id : (parsed.app_id ?? parsed.id ?? parsed.ad_id);
    expect(value).toBe(big);
  });

  it("a negative id is quoted with its sign", () => {
    expect(parseMetaJson('{"id":-42}')).toEqual({ id: "-42" });
  });

  it("other fields stay numbers; a decimal is not an id and stays a number", () => {
    expect(parseMetaJson('{"timestamp":1700000000000,"sticker_id":369239263222822,"id":1.5}')).toEqual({
      timestamp: 1700000000000,
      sticker_id: 369239263222822,
      id: 1.5,
    });
  });

  it("text that only mentions an id is left as it is", () => {
    expect(parseMetaJson('{"text":"\\"id\\":12345678901234567890,"}')).toEqual({ text: '"id":12345678901234567890,' });
  });

  it("an entry id sent as a number still names the channel", () => {
    const read = readWebhookEnvelope(`{"object":"page","entry":[{"id":${big},"time":${ENTRY_TIME},"messaging":[{"sender":{"id":1234567890123456789},"recipient":{"id":${big}},"timestamp":${OWN_TIME},"message":{"mid":"m_1","text":"hi"}}]}]}`);
    if (!read.ok) throw new Error(read.reason);
    expect(webhookItems(read.envelope).items[0]).toMatchObject({ channelMetaId: big, personId: "1234567890123456789" });
  });
});

describe("what is refused, and why", () => {
  it.each<[string, string]>([
    ["not json", "body is not JSON"],
    ["[]", "body is not a JSON object"],
    ["null", "body is not a JSON object"],
    ['{"entry":[]}', "`object` is missing"],
    ['{"object":"","entry":[]}', "`object` is missing"],
    ['{"object":"page"}', "`entry` is not an array"],
    ['{"object":"page","entry":[1]}', "entry[0] is not an object"],
    ['{"object":"page","entry":[{"id":"1"},[]]}', "entry[1] is not an object"],
    ['{"object":"page","entry":[{"id":""}]}', "entry[0].id is missing"],
    ['{"object":"page","entry":[{"id":"1","messaging":{}}]}', "entry[0].messaging is not an array"],
    ['{"object":"page","entry":[{"id":"1","standby":"x"}]}', "entry[0].standby is not an array"],
    ['{"object":"page","entry":[{"id":"1","changes":{}}]}', "entry[0].changes is not an array"],
  ])("%s → %s", (raw, reason) => {
    expect(readWebhookEnvelope(raw)).toEqual({ ok: false, reason });
  });

  it("an envelope with an empty entry list is Meta's shape (and carries nothing)", () => {
    const read = readWebhookEnvelope('{"object":"page","entry":[]}');
    expect(read).toEqual({ ok: true, envelope: { object: "page", entry: [] } });
  });
});

describe("what is ignored, and why", () => {
  it("an object that is not page or instagram", () => {
    const read = readWebhookEnvelope(JSON.stringify({ object: "user", entry: [{ id: "PAGE", messaging: [{ ...person, timestamp: OWN_TIME, message: { mid: "m", text: "x" } }] }] }));
    if (!read.ok) throw new Error(read.reason);
    expect(webhookItems(read.envelope)).toEqual({ items: [], ignored: [{ object: "user", channelMetaId: "PAGE", reason: 'object "user" is not a messaging object' }] });
  });

  it("an entry id that is not a Meta id", () => {
    const read = readWebhookEnvelope(JSON.stringify({ object: "page", entry: [{ id: " ", messaging: [{ ...person, timestamp: OWN_TIME, message: { mid: "m", text: "x" } }] }] }));
    if (!read.ok) throw new Error(read.reason);
    expect(webhookItems(read.envelope)).toEqual({ items: [], ignored: [{ object: "page", channelMetaId: null, reason: "entry id is not a Meta id" }] });
  });

  it("changes[] entries without a value (a comment change needs one) are ignored and say so", () => {
    const read = readWebhookEnvelope(JSON.stringify({ object: "page", entry: [{ id: "PAGE", changes: [{ field: "feed" }, "x"] }] }));
    if (!read.ok) throw new Error(read.reason);
    expect(webhookItems(read.envelope).ignored.map((i) => i.reason)).toEqual(["changes[] entry without a value", "changes[] entry without a value"]);
  });

  it.each<[string, unknown, string]>([
    ["not an object", "x", "item is not an object"],
    ["no person", { recipient: { id: "PAGE" }, timestamp: OWN_TIME, message: { mid: "m", text: "x" } }, "item names no person (sender/recipient id or user_ref)"],
    ["a message without mid", { ...person, timestamp: OWN_TIME, message: { text: "x" } }, "message without mid"],
    ["a reaction without mid", { ...person, timestamp: OWN_TIME, reaction: { action: "react", emoji: "x" } }, "reaction without mid"],
    ["a reaction with another action", { ...person, timestamp: OWN_TIME, reaction: { mid: "m", action: "love" } }, 'reaction action "love"'],
    ["a read without watermark or mid", { ...person, timestamp: OWN_TIME, read: {} }, "read without watermark or mid"],
    ["an optin", { ...person, timestamp: OWN_TIME, optin: { ref: "x" } }, 'unhandled event "optin"'],
    ["nothing but a person", { ...person, timestamp: OWN_TIME }, "empty event"],
  ])("%s", (_name, raw, reason) => {
    expect(ignoredOnly([raw]).reason).toBe(reason);
  });

  it("an echo names the person as its recipient; a message as its sender", () => {
    const echo = only([{ sender: { id: "PAGE" }, recipient: { id: "PSID" }, timestamp: OWN_TIME, message: { is_echo: true, mid: "m_e", metadata: "ours", text: "hi", reply_to: { mid: "m_0" } } }]);
    expect(echo).toMatchObject({ type: "echo", personId: "PSID", metadata: "ours", appId: null, replyToMid: "m_0", attachments: [] });
    const message = only([{ sender: { id: "PSID" }, recipient: { id: "PAGE" }, timestamp: OWN_TIME, message: { is_echo: false, mid: "m_1", is_unsupported: true } }]);
    expect(message).toMatchObject({ type: "message", personId: "PSID", isUnsupported: true, text: null, quickReplyPayload: null });
  });

  it("a standby item is marked standby; a messaging item is not", () => {
    const read = readWebhookEnvelope(
      JSON.stringify({
        object: "page",
        entry: [
          {
            id: "PAGE",
            time: ENTRY_TIME,
            messaging: [{ ...person, message: { mid: "m_1", text: "a" } }],
            standby: [{ ...person, message: { mid: "m_2", text: "b" } }],
          },
        ],
      }),
    );
    if (!read.ok) throw new Error(read.reason);
    expect(webhookItems(read.envelope).items.map((i) => [i.type === "message" && i.mid, i.standby])).toEqual([
      ["m_1", false],
      ["m_2", true],
    ]);
  });

  it("reactions keep emoji and reaction only when reacting", () => {
    const react = only([{ ...person, timestamp: OWN_TIME, reaction: { mid: "m", action: "react", emoji: "👍", reaction: "like" } }]);
    expect(react).toMatchObject({ type: "reaction", action: "react", emoji: "👍", reaction: "like" });
    const unreact = only([{ ...person, timestamp: OWN_TIME, reaction: { mid: "m", action: "unreact", emoji: "👍", reaction: "like" } }]);
    expect(unreact).toMatchObject({ action: "unreact", emoji: null, reaction: null });
  });
});

describe("attachments", () => {
  const attachmentsOf = (attachments: unknown) => {
    const item = only([{ ...person, timestamp: OWN_TIME, message: { mid: "m_1", attachments } }]);
    if (item.type !== "message") throw new Error(item.type);
    return item.attachments;
  };

  it("reads the url and title from the payload, else from the attachment itself", () => {
    expect(attachmentsOf([{ type: "fallback", url: "https://x/a", title: "A", payload: null }, { type: "image", payload: { url: "https://x/b", title: "B" } }])).toEqual([
      { type: "fallback", url: "https://x/a", title: "A", stickerId: null, payload: null },
      { type: "image", url: "https://x/b", title: "B", stickerId: null, payload: null },
    ]);
  });

  it("keeps the payload of templates, fallbacks and locations only", () => {
    const payload = { coordinates: { lat: 1, long: 2 } };
    const [location, template, fallback, image] = attachmentsOf([
      { type: "location", payload },
      { type: "template", payload: { template_type: "generic" } },
      { type: "fallback", payload: { url: "https://x/f" } },
      { type: "image", payload: { url: "https://x/i" } },
    ]);
    expect(location!.payload).toEqual(payload);
    expect(template!.payload).toEqual({ template_type: "generic" });
    expect(fallback!.payload).toEqual({ url: "https://x/f" });
    expect(image!.payload).toBeNull();
  });

  it("skips attachments without a type and keeps Meta's order", () => {
    expect(attachmentsOf([{ payload: { url: "https://x/0" } }, { type: "video", payload: { url: "https://x/v" } }, "x", { type: "audio", payload: { url: "https://x/a" } }]).map((a) => a.type)).toEqual(["video", "audio"]);
  });

  it("an attachment whose type is empty is kept, as a file, with its url", () => {
    expect(attachmentsOf([{ type: "", payload: { url: "https://x/f" } }])).toEqual([{ type: "file", url: "https://x/f", title: null, stickerId: null, payload: null }]);
  });

  it("two different stickers are both kept, in Meta's order", () => {
    const list = attachmentsOf([
      { type: "image", payload: { url: "https://x/1", sticker_id: 1 } },
      { type: "sticker", payload: { url: "https://x/2", sticker_id: 2 } },
    ]);
    expect(list.map((a) => [a.type, a.stickerId])).toEqual([
      ["sticker", "1"],
      ["sticker", "2"],
    ]);
  });
});

describe("messaging_feedback: the Customer Feedback Template's answers", () => {
  const feedback = (messaging_feedback: unknown) => ({ ...person, timestamp: OWN_TIME, messaging_feedback });
  const answersOf = (messaging_feedback: unknown) => {
    const item = only([feedback(messaging_feedback)]);
    if (item.type !== "feedback") throw new Error(item.type);
    return item.answers;
  };

  it("reads Meta's shape: a CSAT score with its free-form follow-up", () => {
    const item = only([feedback({ feedback_screens: [{ screen_id: 0, questions: { csat_q1: { type: "csat", payload: "4", follow_up: { type: "free_form", payload: "Quick and kind" } } } }] })]);
    expect(item).toMatchObject({ type: "feedback", personId: "PSID", timestamp: new Date(OWN_TIME), standby: false });
    expect(item.type === "feedback" && item.answers).toEqual([{ questionId: "csat_q1", type: "csat", payload: "4", comment: "Quick and kind" }]);
  });

  it("every question of every screen is an answer; without a follow-up the comment is null", () => {
    expect(answersOf({ feedback_screens: [{ questions: { a: { type: "csat", payload: "5" }, b: { type: "nps", payload: "9" } } }, { questions: { c: { type: "ces", payload: "2" } } }] })).toEqual([
      { questionId: "a", type: "csat", payload: "5", comment: null },
      { questionId: "b", type: "nps", payload: "9", comment: null },
      { questionId: "c", type: "ces", payload: "2", comment: null },
    ]);
  });

  it.each<[string, Record<string, unknown>, { type: string; payload: string | null }]>([
    ["a numeric score is read as its digits", { type: "csat", payload: 3 }, { type: "csat", payload: "3" }],
    ["the type is trimmed and lower-cased", { type: " CSAT ", payload: "5" }, { type: "csat", payload: "5" }],
    ["a missing type is empty", { payload: "5" }, { type: "", payload: "5" }],
    ["a missing score is null", { type: "csat" }, { type: "csat", payload: null }],
  ])("%s", (_name, question, expected) => {
    expect(answersOf({ feedback_screens: [{ questions: { q: question } }] })).toEqual([{ questionId: "q", comment: null, ...expected }]);
  });

  it("a question id longer than any we send is capped", () => {
    const [answer] = answersOf({ feedback_screens: [{ questions: { ["q".repeat(5_000)]: { type: "csat", payload: "5" } } }] });
    expect(answer!.questionId).toBe("q".repeat(CONTENT_LIMITS.payloadChars));
  });

  it("screens without questions and questions that are not objects are skipped; the rest are kept", () => {
    expect(answersOf({ feedback_screens: ["x", { screen_id: 1 }, { questions: { bad: "5", good: { type: "csat", payload: "5" } } }] })).toEqual([
      { questionId: "good", type: "csat", payload: "5", comment: null },
    ]);
  });

  it.each<[string, unknown]>([
    ["no screens", {}],
    ["an empty screen list", { feedback_screens: [] }],
    ["screens without any question", { feedback_screens: [{ questions: {} }, { questions: "x" }] }],
  ])("%s: ignored, with the reason", (_name, messagingFeedback) => {
    expect(ignoredOnly([feedback(messagingFeedback)]).reason).toBe("messaging_feedback without answers");
  });
});
