"use client";

import { TabNav } from "@/components/ui/tab-nav";
import { settingsSections, type SettingsRole } from "@/lib/admin/settings-sections";

/** The settings pages an agent of this role may open, as tabs above each page. */
export function SettingsTabs({ role }: { role: SettingsRole }) {
  return <TabNav label="Settings" tabs={settingsSections(role)} className="mx-auto max-w-5xl px-4 pt-4" />;
}
