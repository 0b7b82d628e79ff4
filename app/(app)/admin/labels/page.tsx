import type { Metadata } from "next";
import { LabelsAdmin } from "@/components/admin/labels-admin";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { listLabels } from "@/lib/labels/list-labels";

export const metadata: Metadata = { title: "Labels" };

export default async function LabelsPage() {
  const manager = await requirePageAgent(MANAGERS);
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <LabelsAdmin initialLabels={await listLabels(manager)} />
    </main>
  );
}
