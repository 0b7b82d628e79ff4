import { describe, expect, it } from "vitest";
import { settingsSections } from "./settings-sections";

describe("settingsSections", () => {
  it("admins see every section, managers the team's shared content only, agents none", () => {
    expect(settingsSections("ADMIN").map((s) => s.label)).toEqual(["Team", "Channels", "Saved replies", "Labels", "Surveys", "Business hours"]);
    expect(settingsSections("MANAGER").map((s) => s.label)).toEqual(["Saved replies", "Labels"]);
    expect(settingsSections("AGENT")).toEqual([]);
  });

  it("every section lives under /admin", () => {
    for (const s of settingsSections("ADMIN")) expect(s.href).toMatch(/^\/admin\/[a-z-]+$/);
  });
});
