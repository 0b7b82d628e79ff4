// The settings pages (under /admin) and who may open them: one list for the tabs, the header's Settings link
// and /admin's landing page, so a page added here appears everywhere at once. Each page checks the role
// itself as well. Pure.

export type SettingsRole = "AGENT" | "MANAGER" | "ADMIN";

export interface SettingsSection {
  href: string;
  label: string;
  /** Managers and admins, or admins only. */
  audience: "MANAGERS" | "ADMINS";
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { href: "/admin/agents", label: "Team", audience: "ADMINS" },
  { href: "/admin/channels", label: "Channels", audience: "ADMINS" },
  { href: "/admin/saved-replies", label: "Saved replies", audience: "MANAGERS" },
  { href: "/admin/labels", label: "Labels", audience: "MANAGERS" },
  { href: "/admin/csat", label: "Surveys", audience: "ADMINS" },
  { href: "/admin/business-hours", label: "Business hours", audience: "ADMINS" },
];

/** The sections a role may open, in order; none for agents. */
export function settingsSections(role: SettingsRole): SettingsSection[] {
  if (role === "AGENT") return [];
  return SETTINGS_SECTIONS.filter((s) => role === "ADMIN" || s.audience === "MANAGERS");
}
