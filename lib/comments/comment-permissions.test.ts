import { describe, expect, it } from "vitest";
import { missingCommentPermissions } from "./comment-permissions";

describe("missingCommentPermissions", () => {
  it("names what a Page lacks", () => {
    expect(missingCommentPermissions("MESSENGER", ["pages_messaging", "pages_read_engagement"])).toEqual(["pages_read_user_content", "pages_manage_engagement"]);
  });
  it("nothing missing when every permission was granted", () => {
    expect(missingCommentPermissions("INSTAGRAM", ["instagram_basic", "instagram_manage_comments", "x"])).toEqual([]);
  });
  it("unknown (null) when no list was recorded", () => {
    expect(missingCommentPermissions("MESSENGER", null)).toBeNull();
    expect(missingCommentPermissions("INSTAGRAM", { not: "a list" })).toBeNull();
  });
});
