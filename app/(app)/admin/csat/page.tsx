import type { Metadata } from "next";
import { CsatAdmin } from "@/components/admin/csat-admin";
import { ADMINS, requirePageAgent } from "@/lib/auth/session";
import { getCsatSettings } from "@/lib/csat/csat-settings";

export const metadata: Metadata = { title: "Satisfaction survey" };

export default async function CsatPage() {
  const admin = await requirePageAgent(ADMINS);
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <CsatAdmin initial={await getCsatSettings(admin)} />
    </main>
  );
}
