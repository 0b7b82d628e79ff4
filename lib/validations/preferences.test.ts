import { describe, expect, it } from "vitest";
import { agentPreferencesPatchSchema, preferencesOf } from "./preferences";

describe("agent preferences", () => {
  it("reads what is stored with defaults for what is missing, and ignores what it does not know", () => {
    expect(preferencesOf({})).toEqual({ desktopNotifications: false, sound: false });
    expect(preferencesOf({ sound: true, legacy: 1 })).toEqual({ desktopNotifications: false, sound: true });
    expect(preferencesOf(null)).toEqual({ desktopNotifications: false, sound: false });
    expect(preferencesOf({ sound: "yes" })).toEqual({ desktopNotifications: false, sound: false });
  });

  it("a patch names known settings with booleans, at least one", () => {
    expect(agentPreferencesPatchSchema.parse({ sound: true })).toEqual({ sound: true });
    expect(agentPreferencesPatchSchema.safeParse({}).success).toBe(false);
    expect(agentPreferencesPatchSchema.safeParse({ sound: "true" }).success).toBe(false);
    expect(agentPreferencesPatchSchema.safeParse({ sound: true, theme: "dark" }).success).toBe(false);
  });
});
