import { describe, expect, it } from "vitest";
import { checkPermissions, checkToken, groupSendFailures, healthChannelKind, instagramLoginTokenData, TOKEN_WARNING_DAYS } from "./health-checks";

const now = new Date("2026-12-06T12:00:00Z");
const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

describe("checkPermissions", () => {
  it("lists each needed permission as granted or missing, per platform", () => {
    const messenger = checkPermissions("MESSENGER", ["pages_messaging", "pages_show_list", "pages_read_engagement"]);
    expect(messenger.needed).toEqual([
      { permission: "pages_messaging", granted: true },
      { permission: "pages_manage_metadata", granted: false },
      { permission: "pages_read_engagement", granted: true },
    ]);
    expect(messenger.missing).toEqual(["pages_manage_metadata"]);
    expect(checkPermissions("INSTAGRAM", ["pages_messaging", "pages_manage_metadata", "pages_read_engagement"]).missing).toEqual(["instagram_basic", "instagram_manage_messages"]);
    expect(checkPermissions("INSTAGRAM", ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata"]).missing).toEqual([]);
  });

  it("an account connected with Instagram Login is judged by Instagram Login's permission names", () => {
    expect(healthChannelKind("INSTAGRAM", "INSTAGRAM_LOGIN")).toBe("INSTAGRAM_LOGIN");
    expect(healthChannelKind("INSTAGRAM", "FACEBOOK_LOGIN")).toBe("INSTAGRAM");
    expect(healthChannelKind("MESSENGER", "FACEBOOK_LOGIN")).toBe("MESSENGER");
    expect(checkPermissions("INSTAGRAM_LOGIN", ["instagram_basic", "instagram_manage_messages"]).missing).toEqual(["instagram_business_basic", "instagram_business_manage_messages"]);
    expect(checkPermissions("INSTAGRAM_LOGIN", ["instagram_business_basic", "instagram_business_manage_messages"]).missing).toEqual([]);
  });
});

describe("instagramLoginTokenData", () => {
  it("states the recorded 60-day token as debug_token would, so the same expiry warnings apply", () => {
    const data = instagramLoginTokenData({ obtainedAt: new Date("2026-11-01T00:00:00Z"), expiresAt: new Date("2026-12-15T00:00:00Z"), grantedScopes: ["instagram_business_basic"] });
    expect(data).toEqual({ type: "INSTAGRAM_USER", is_valid: true, issued_at: unix("2026-11-01T00:00:00Z"), expires_at: unix("2026-12-15T00:00:00Z"), scopes: ["instagram_business_basic"] });
    expect(checkToken(data, now)).toMatchObject({ kind: "INSTAGRAM_USER", valid: true, expiresAt: "2026-12-15T00:00:00.000Z", warning: expect.stringMatching(/expires in 9 day/) });
    expect(instagramLoginTokenData({ obtainedAt: null, expiresAt: null, grantedScopes: [] }).expires_at).toBeUndefined();
  });
});

describe("checkToken", () => {
  it("a Page token with expires_at 0 never expires", () => {
    const token = checkToken({ type: "PAGE", is_valid: true, expires_at: 0, issued_at: unix("2026-11-01T00:00:00Z"), data_access_expires_at: unix("2027-02-01T00:00:00Z") }, now);
    expect(token).toEqual({ kind: "PAGE", valid: true, expiresAt: null, dataAccessExpiresAt: "2027-02-01T00:00:00.000Z", issuedAt: "2026-11-01T00:00:00.000Z", warning: null });
  });

  it("warns when the token is invalid, expired or expires within the warning period", () => {
    expect(checkToken({ is_valid: false, error: { code: 190, message: "Session has expired" } }, now).warning).toBe("Meta says this token is no longer valid: Session has expired. Reconnect the channel.");
    expect(checkToken({ is_valid: false }, now).valid).toBe(false);
    expect(checkToken({ is_valid: true, expires_at: unix("2026-12-06T11:00:00Z") }, now).warning).toMatch(/has expired/);
    expect(checkToken({ is_valid: true, expires_at: unix("2026-12-09T12:00:00Z") }, now).warning).toBe("The token expires in 3 day(s). Reconnect the channel before then.");
    const later = new Date(now.getTime() + (TOKEN_WARNING_DAYS + 1) * 86_400_000);
    expect(checkToken({ is_valid: true, expires_at: Math.floor(later.getTime() / 1000) }, now).warning).toBeNull();
  });

  it("warns when the app's data access ends soon or ended", () => {
    expect(checkToken({ is_valid: true, expires_at: 0, data_access_expires_at: unix("2026-12-16T12:00:00Z") }, now).warning).toBe("The app's data access ends in 10 day(s) unless an admin reconnects the channel.");
    expect(checkToken({ is_valid: true, expires_at: 0, data_access_expires_at: unix("2026-12-01T12:00:00Z") }, now).warning).toMatch(/data access for this token has expired/);
  });
});

describe("groupSendFailures", () => {
  it("merges rows of the same code and subcode, names them, most frequent first", () => {
    const groups = groupSendFailures([
      { code: 10, subcode: 1893063, calls: 1, final: 1 },
      { code: 2, subcode: null, calls: 3, final: 0 },
      { code: 10, subcode: 1893063, calls: 2, final: 2 },
      { code: null, subcode: null, calls: 1, final: 1 },
      { code: 613, subcode: null, calls: 1, final: 0 },
    ]);
    expect(groups).toEqual([
      { code: 10, subcode: 1893063, calls: 3, final: 3, key: "page_restricted" },
      { code: 2, subcode: null, calls: 3, final: 0, key: "meta_unavailable" },
      { code: null, subcode: null, calls: 1, final: 1, key: "local" },
      { code: 613, subcode: null, calls: 1, final: 0, key: "rate_limited" },
    ]);
  });
});
