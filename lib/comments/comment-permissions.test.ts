import { describe, expect, it } from "vitest";
import { instagramLoginGrantsComments, missingCommentPermissions } from "./comment-permissions";

const PAGE = { platform: "MESSENGER", connection: "FACEBOOK_LOGIN" } as const;
const IG_VIA_PAGE = { platform: "INSTAGRAM", connection: "FACEBOOK_LOGIN" } as const;
const IG_LOGIN = { platform: "INSTAGRAM", connection: "INSTAGRAM_LOGIN" } as const;

describe("missingCommentPermissions", () => {
  it("names what a Page lacks", () => {
    expect(missingCommentPermissions(PAGE, ["pages_messaging", "pages_read_engagement"])).toEqual(["pages_read_user_content", "pages_manage_engagement"]);
  });
  it("nothing missing when every permission was granted", () => {
    expect(missingCommentPermissions(IG_VIA_PAGE, ["instagram_basic", "instagram_manage_comments", "x"])).toEqual([]);
    expect(missingCommentPermissions(IG_LOGIN, ["instagram_business_basic", "instagram_business_manage_messages", "instagram_business_manage_comments"])).toEqual([]);
  });
  it("Instagram Login is judged by its own permission names, Facebook Login by its own", () => {
    expect(missingCommentPermissions(IG_LOGIN, ["instagram_business_basic", "instagram_business_manage_messages"])).toEqual(["instagram_business_manage_comments"]);
    // An account switched from one login to the other: the old login's names grant nothing on the new path.
    expect(missingCommentPermissions(IG_LOGIN, ["instagram_basic", "instagram_manage_comments"])).toEqual(["instagram_business_basic", "instagram_business_manage_comments"]);
    expect(missingCommentPermissions(IG_VIA_PAGE, ["instagram_business_basic", "instagram_business_manage_comments"])).toEqual(["instagram_basic", "instagram_manage_comments"]);
  });
  it("unknown (null) when no list was recorded", () => {
    expect(missingCommentPermissions(PAGE, null)).toBeNull();
    expect(missingCommentPermissions(IG_LOGIN, { not: "a list" })).toBeNull();
  });
});

describe("instagramLoginGrantsComments", () => {
  it("needs both Instagram Login comment permissions", () => {
    expect(instagramLoginGrantsComments(["instagram_business_basic", "instagram_business_manage_comments"])).toBe(true);
    expect(instagramLoginGrantsComments(["instagram_business_basic", "instagram_business_manage_messages"])).toBe(false);
    expect(instagramLoginGrantsComments(["instagram_manage_comments", "instagram_business_basic"])).toBe(false);
  });
});
