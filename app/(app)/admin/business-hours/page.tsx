import type { Metadata } from "next";
import { BusinessHoursAdmin } from "@/components/admin/business-hours-admin";
import { ADMINS, requirePageAgent } from "@/lib/auth/session";
import { getBusinessHours } from "@/lib/sla/get-business-hours";

export const metadata: Metadata = { title: "Business hours" };

export default async function BusinessHoursPage() {
  const admin = await requirePageAgent(ADMINS);
  const now = new Date();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <BusinessHoursAdmin initial={await getBusinessHours(admin.accountId)} serverNow={now.getTime()} />
    </main>
  );
}
