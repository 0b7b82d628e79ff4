import { describe, expect, it } from "vitest";
import { allowedModerations, moderationRefusal } from "./comment-moderation";

const person = { platform: "MESSENGER" as const, byPage: false, removed: false };

describe("comment moderation", () => {
  it("a person's Page comment may be hidden, liked and deleted", () => {
    expect(allowedModerations(person)).toEqual({ hide: true, like: true, delete: true });
  });
  it("Instagram comments cannot be liked through the API", () => {
    expect(allowedModerations({ ...person, platform: "INSTAGRAM" })).toEqual({ hide: true, like: false, delete: true });
    expect(moderationRefusal({ ...person, platform: "INSTAGRAM" }, "unlike")).toMatch(/Instagram/);
  });
  it("the Page's own comments cannot be hidden", () => {
    expect(moderationRefusal({ ...person, byPage: true }, "unhide")).toMatch(/own comments/);
    expect(moderationRefusal({ ...person, byPage: true }, "delete")).toBeNull();
  });
  it("a removed comment allows nothing", () => {
    expect(allowedModerations({ ...person, removed: true })).toEqual({ hide: false, like: false, delete: false });
  });
});
