import { redirect } from "next/navigation";
import { ADMINS, requirePageAgent } from "@/lib/auth/session";

/** /admin has no page of its own: admins land on the team (agents, roles, channel assignments). */
export default async function AdminIndexPage() {
  await requirePageAgent(ADMINS);
  redirect("/admin/agents");
}
