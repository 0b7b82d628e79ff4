import { describe, expect, it } from "vitest";
import {
  isSavedReplyEdited,
  renderSavedReply,
  repliesForChannel,
  searchSavedReplies,
  slashQueryAt,
  unknownVariables,
} from "./render-saved-reply";

const context = { contact: { name: "Zoé Durand" }, agent: { name: "Alex Martin" } };

describe("renderSavedReply", () => {
  it("fills the contact's and the agent's first names and full names", () => {
    expect(renderSavedReply("Hi {{contact.first_name}}, {{agent.first_name}} here.", context)).toBe("Hi Zoé, Alex here.");
    expect(renderSavedReply("Dear {{ contact.name }} — {{agent.name}}", context)).toBe("Dear Zoé Durand — Alex Martin");
  });

  it("uses the fallback when the value is unknown, else drops the variable and the space before punctuation", () => {
    const nameless = { contact: { name: null }, agent: { name: "Alex" } };
    expect(renderSavedReply("Hi {{contact.first_name|there}}!", nameless)).toBe("Hi there!");
    expect(renderSavedReply("Hi {{contact.first_name}}, thanks.", nameless)).toBe("Hi, thanks.");
    expect(renderSavedReply("Thanks {{contact.first_name}}", { contact: { name: "   " }, agent: { name: null } })).toBe("Thanks");
    expect(renderSavedReply("On its way, {{contact.first_name|}}: 5 days.", nameless)).toBe("On its way: 5 days.");
    // A known value wins over the fallback.
    expect(renderSavedReply("Hi {{contact.first_name|there}}!", context)).toBe("Hi Zoé!");
  });

  it("keeps unknown variables as written, and the form names them", () => {
    expect(renderSavedReply("Order {{order.id}} for {{contact.first_name}}", context)).toBe("Order {{order.id}} for Zoé");
    expect(unknownVariables("{{order.id}} {{contact.first_name}} {{order.id}} {{agent.email|x}}")).toEqual(["order.id", "agent.email"]);
    expect(unknownVariables("Hi {{contact.first_name|there}}")).toEqual([]);
  });
});

describe("isSavedReplyEdited", () => {
  it("is false only for the same text (line endings and outer blanks aside)", () => {
    expect(isSavedReplyEdited("Hi Zoé,\nthanks.", "  Hi Zoé,\r\nthanks. ")).toBe(false);
    expect(isSavedReplyEdited("Hi Zoé, thanks.", "Hi Zoé, thanks!")).toBe(true);
    expect(isSavedReplyEdited("Hi Zoé, thanks.", "Hi Zoé, thanks. Your refund is on its way.")).toBe(true);
    expect(isSavedReplyEdited("Hi Zoé,  thanks.", "Hi Zoé, thanks.")).toBe(true);
  });
});

describe("the / picker", () => {
  const replies = [
    { id: "1", name: "Refund started", shortcut: "refund", text: "Your refund is on its way.", channelIds: [] },
    { id: "2", name: "Opening hours", shortcut: "hours", text: "We are open 9–18.", channelIds: ["ch-a"] },
    { id: "3", name: "Délai de remboursement", shortcut: "delai", text: "Comptez 5 jours.", channelIds: ["ch-b"] },
  ];

  it("ranks shortcut prefixes, then names and shortcuts containing the query, then texts", () => {
    expect(searchSavedReplies(replies, "").map((r) => r.shortcut)).toEqual(["delai", "hours", "refund"]);
    expect(searchSavedReplies(replies, "ref").map((r) => r.shortcut)).toEqual(["refund"]);
    expect(searchSavedReplies(replies, "rembour").map((r) => r.shortcut)).toEqual(["delai"]);
    expect(searchSavedReplies(replies, "DELAI").map((r) => r.shortcut)).toEqual(["delai"]);
    expect(searchSavedReplies(replies, "délai").map((r) => r.shortcut)).toEqual(["delai"]);
    expect(searchSavedReplies(replies, "open").map((r) => r.shortcut)).toEqual(["hours"]);
    expect(searchSavedReplies(replies, "way").map((r) => r.shortcut)).toEqual(["refund"]);
    expect(searchSavedReplies(replies, "zzz")).toEqual([]);
  });

  it("offers account-wide replies and those of the conversation's channel", () => {
    expect(repliesForChannel(replies, "ch-a").map((r) => r.id)).toEqual(["1", "2"]);
    expect(repliesForChannel(replies, "ch-c").map((r) => r.id)).toEqual(["1"]);
  });

  it("finds the /query at the caret only at the start of the text or after a blank", () => {
    expect(slashQueryAt("/ref", 4)).toEqual({ start: 0, query: "ref" });
    expect(slashQueryAt("/", 1)).toEqual({ start: 0, query: "" });
    expect(slashQueryAt("Hello /hou", 10)).toEqual({ start: 6, query: "hou" });
    expect(slashQueryAt("Hello\n/hou there", 10)).toEqual({ start: 6, query: "hou" });
    expect(slashQueryAt("and/or", 6)).toBeNull();
    expect(slashQueryAt("see https://x.test/a", 20)).toBeNull();
    expect(slashQueryAt("/ref done", 9)).toBeNull();
  });
});
