import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/admin/settings-tabs";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";

// Managers and admins (agents get the 403 page); each page checks its own audience again, since a layout is
// not re-rendered on every navigation.
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const agent = await requirePageAgent(MANAGERS);
  return (
    <>
      <SettingsTabs role={agent.role} />
      {children}
    </>
  );
}
