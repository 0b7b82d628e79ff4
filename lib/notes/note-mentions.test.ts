import { describe, expect, it } from "vitest";
import { findMentions, type Teammate } from "./note-mentions";

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
