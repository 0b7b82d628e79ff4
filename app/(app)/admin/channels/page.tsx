import type { Metadata } from "next";
import { ChannelsAdmin } from "@/components/admin/channels-admin";
import { ADMINS, requirePageAgent } from "@/lib/auth/session";
import { connectedCount, connectErrorMessage } from "@/lib/channels/connect-errors";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePageAgent(ADMINS);
  const [channels, params] = await Promise.all([listAdminChannels(admin.accountId), searchParams]);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <ChannelsAdmin initialChannels={channels} connected={connectedCount(one(params.connected))} error={connectErrorMessage(one(params.error))} />
    </main>
  );
}
