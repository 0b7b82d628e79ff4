import { describe, expect, it } from "vitest";
import { foldForSearch } from "./search-fold";

describe("foldForSearch", () => {
  it.each([
    ["Jürgen Müller", "jurgen muller"],
    ["MULLER", "muller"],
    ["Chloé García", "chloe garcia"],
    ["ÇAĞLA Şahin", "cagla sahin"],
    ["@Vale.Bianchi", "@vale.bianchi"],
    ["Łódź", "łodz"],
    ["Юлия", "юлия"],
  ])("%s → %s", (text, folded) => expect(foldForSearch(text)).toBe(folded));

  it("a decomposed and a composed ü fold alike", () => expect(foldForSearch("Mu\u0308ller")).toBe(foldForSearch("Müller")));
});
