import { redirect } from "next/navigation";
import { settingsSections } from "@/lib/admin/settings-sections";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";

/** /admin has no page of its own: it opens the first settings page the agent may see (admins: the team). */
export default async function AdminIndexPage() {
  const agent = await requirePageAgent(MANAGERS);
  redirect(settingsSections(agent.role)[0]!.href);
}
