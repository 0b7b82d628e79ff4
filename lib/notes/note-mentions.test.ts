import { describe, expect, it } from "vitest";
import { findMentions, mentionOf, mentionQueryAt, searchTeammates, type Teammate } from "./note-mentions";

const team: Teammate[] = [
  { id: "sam", name: "Sam Agent", email: "sam@northwind.test" },
  { id: "samira", name: "Samira Öztürk", email: "samira.o@northwind.test" },
  { id: "maya", name: "Maya Manager", email: "maya@northwind.test" },
  { id: "maya2", name: "Maya Lind", email: "m.lind@northwind.test" },
];

describe("findMentions", () => {
  it("full name, first name or email handle, case and accents ignored, each teammate once in order", () => {
    expect(findMentions("@sam agent can you check? cc @SAMIRA and @samira.o", team)).toEqual(["sam", "samira"]);
    expect(findMentions("Over to @Samira Ozturk.", team)).toEqual(["samira"]);
    expect(findMentions("@m.lind please", team)).toEqual(["maya2"]);
  });

  it("a name ends at a blank, punctuation or a full stop; a longer word is not the name", () => {
    expect(findMentions("thanks @sam.", team)).toEqual(["sam"]);
    expect(findMentions("(@sam)", team)).toEqual(["sam"]);
    expect(findMentions("@samuel is not on the team", team)).toEqual([]);
    expect(findMentions("@samx", team)).toEqual([]);
  });

  it("a first name two teammates share mentions nobody; their full names still do", () => {
    expect(findMentions("@maya can you look", team)).toEqual([]);
    expect(findMentions("@Maya Lind can you look", team)).toEqual(["maya2"]);
  });

  it("email addresses and a lone @ are not mentions", () => {
    expect(findMentions("write to help@sam.com or sam@northwind.test", team)).toEqual([]);
    expect(findMentions("@ the desk", team)).toEqual([]);
    expect(findMentions("", team)).toEqual([]);
  });

  it("a decomposed accent in the text matches the precomposed name", () => {
    expect(findMentions("@Samira O\u0308zturk", team)).toEqual(["samira"]);
  });
});

describe("the composer's @ picker", () => {
  it("opens on an @ at the start or after a blank, with what follows up to the caret", () => {
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("ping @sa", 8)).toEqual({ start: 5, query: "sa" });
    expect(mentionQueryAt("ping @sam and", 9)).toEqual({ start: 5, query: "sam" });
    expect(mentionQueryAt("line\n@jo", 8)).toEqual({ start: 5, query: "jo" });
  });

  it("does not open inside an email address, after a blank, or without an @", () => {
    expect(mentionQueryAt("mail sam@example.com", 20)).toBeNull();
    expect(mentionQueryAt("@sam ", 5)).toBeNull();
    expect(mentionQueryAt("sam", 3)).toBeNull();
    expect(mentionQueryAt("@@", 2)).toBeNull();
  });

  const crew = [
    { id: "1", name: "Sam Agent", email: "sam@acme.test" },
    { id: "2", name: "Élodie Samson", email: "elodie@acme.test" },
    { id: "3", name: "Mika Ross", email: "support.lead@acme.test" },
  ];

  it("finds teammates by the start of their name, of a word of it or of their email handle, accents ignored", () => {
    expect(searchTeammates(crew, "sam").map((t) => t.id)).toEqual(["1", "2"]); // "Sam Agent" starts with it; "Samson" is a later word
    expect(searchTeammates(crew, "elo").map((t) => t.id)).toEqual(["2"]);
    expect(searchTeammates(crew, "support").map((t) => t.id)).toEqual(["3"]);
    expect(searchTeammates(crew, "").map((t) => t.id)).toEqual(["2", "3", "1"]); // everyone, by name
    expect(searchTeammates(crew, "zz")).toEqual([]);
  });

  it("inserts the full name, which findMentions reads back as that teammate", () => {
    const body = `${mentionOf(crew[1]!)}can you check?`;
    expect(body).toBe("@Élodie Samson can you check?");
    expect(findMentions(body, crew)).toEqual(["2"]);
    expect(mentionOf({ name: "  Sam   Agent " })).toBe("@Sam Agent ");
  });
});
