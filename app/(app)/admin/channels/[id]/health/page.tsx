import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { RefreshButton } from "@/components/health/refresh-button";
import { Badge } from "@/components/ui/badge";
import { ADMINS, requirePageAgent } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/conversations/format-time";
import { AppError } from "@/lib/errors";
import { ATTENTION_LABELS } from "@/lib/health/channel-attention";
import { getChannelHealth, type ChannelHealth, type LiveCheck } from "@/lib/health/channel-health";
import { isUuid } from "@/lib/validations/uuid";

export const metadata: Metadata = { title: "Channel health" };
export const dynamic = "force-dynamic";

export default async function ChannelHealthPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requirePageAgent(ADMINS);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  let health: ChannelHealth;
  try {
    health = await getChannelHealth(admin.accountId, id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const zone = admin.timezone;
  const at = (iso: string | null, none = "—") => (iso ? formatDateTime(new Date(iso), zone) : none);
  const { channel } = health;

  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/admin/channels" className="text-sm text-brand hover:underline">
            ← Channels
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-lg font-semibold">
            Health of {channel.name}
            <Badge tone={channel.platform === "INSTAGRAM" ? "brand" : "neutral"}>{channel.platform === "INSTAGRAM" ? "Instagram" : "Messenger"}</Badge>
          </h1>
          <p className="text-xs text-slate-500">
            {channel.platform === "INSTAGRAM" ? `Instagram account ${channel.metaId} via Page ${channel.pageMetaId}` : `Page ${channel.metaId}`} · checked {at(health.checkedAt)}
          </p>
        </div>
        <RefreshButton />
      </div>

      <section aria-label="Summary" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        {health.attention.length === 0 ? (
          <p className="text-sm text-emerald-800" data-attention="none">
            Nothing needs attention.
          </p>
        ) : (
          <div className="flex flex-wrap items-center gap-2" data-attention={health.attention.join(" ")}>
            <span className="text-sm font-medium text-slate-900">Needs attention:</span>
            {health.attention.map((problem) => (
              <Badge key={problem} tone={problem === "delivery_gaps" || problem === "webhooks_not_subscribed" ? "warning" : "danger"}>
                {ATTENTION_LABELS[problem]}
              </Badge>
            ))}
          </div>
        )}
      </section>

      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Access token">
          <Live check={health.token}>
            {(token) => (
              <Rows
                rows={[
                  ["Kind", token.kind === "PAGE" ? "Page token" : (token.kind ?? "unknown")],
                  ["Valid at Meta", token.valid ? "yes" : "no"],
                  ["Expires", token.expiresAt ? at(token.expiresAt) : "never (a Page token obtained through a long-lived user token)"],
                  ["Data access until", at(token.dataAccessExpiresAt)],
                  ["Issued", at(token.issuedAt)],
                ]}
                warning={token.warning}
              />
            )}
          </Live>
          <Rows
            rows={[
              ["Recorded status", channel.tokenStatus === "VALID" ? "working" : channel.tokenStatus === "NEEDS_RECONNECT" ? "needs reconnect" : "missing permission"],
              ["Last problem", channel.tokenError ?? "none"],
            ]}
          />
        </Card>

        <Card title="Permissions">
          <Live check={health.permissions}>
            {(permissions) => (
              <>
                <ul className="space-y-1 text-sm" aria-label="Needed permissions">
                  {permissions.needed.map((p) => (
                    <li key={p.permission} className="flex items-center justify-between gap-2">
                      <code className="text-xs">{p.permission}</code>
                      {p.granted ? <Badge tone="success">granted</Badge> : <Badge tone="danger">missing</Badge>}
                    </li>
                  ))}
                </ul>
                <p className="mt-2 text-xs text-slate-500">Granted to the token: {permissions.granted.join(", ") || "none"}</p>
              </>
            )}
          </Live>
        </Card>

        <Card title="Human Agent feature">
          <p className="text-sm">{channel.humanAgentEnabled ? "On: replies between 24 hours and 7 days go out with the HUMAN_AGENT tag." : "Off: replies are possible only within 24 hours of the person's message."}</p>
          <p className="mt-1 text-xs text-slate-500">
            Meta has no API to read this feature: it is what an admin recorded under Channels, turned off by itself when Meta refuses a HUMAN_AGENT reply.
          </p>
        </Card>

        <Card title="Webhooks">
          <Rows
            rows={[
              ["Subscription", channel.webhookStatus === "SUBSCRIBED" ? `subscribed ${at(channel.webhookSubscribedAt, "")}` : channel.webhookStatus === "FAILED" ? "failed" : "not subscribed"],
              ["Last webhook received", at(channel.lastWebhookAt, "none since connecting")],
            ]}
          />
          <Live check={health.webhookFields}>
            {(fields) => (
              <>
                <p className="mt-2 text-xs text-slate-600" data-webhook-fields>
                  Fields at Meta: {fields.subscribed.length > 0 ? fields.subscribed.join(", ") : "none"}
                </p>
                {fields.missing.length > 0 ? <p className="mt-1 text-xs text-amber-800">Missing: {fields.missing.join(", ")}. Re-connect the channel to subscribe them.</p> : null}
              </>
            )}
          </Live>
        </Card>

        <Card title="Delivery gaps">
          <p className="text-sm" data-delivery-gaps={health.deliveryGaps.count}>
            {health.deliveryGaps.count === 0 ? "No message arrived without its webhook in the last 7 days." : `${health.deliveryGaps.count} message${health.deliveryGaps.count === 1 ? "" : "s"} arrived without a webhook in the last 7 days (found by reconciliation).`}
          </p>
          <p className="mt-1 text-xs text-slate-500">Last found: {at(health.deliveryGaps.lastAt, "never")}</p>
          {health.deliveryGaps.recent.length > 0 ? (
            <ul className="mt-2 space-y-1 text-xs">
              {health.deliveryGaps.recent.map((gap) => (
                <li key={`${gap.conversationId}-${gap.messageSentAt}`}>
                  <Link href={`/inbox/${gap.conversationId}`} className="text-brand hover:underline">
                    Message of {at(gap.messageSentAt)}
                  </Link>{" "}
                  found {at(gap.foundAt)}
                </li>
              ))}
            </ul>
          ) : null}
        </Card>

        <Card title={`Send failures (last ${health.sendFailures.hours} h)`}>
          {health.sendFailures.groups.length === 0 ? (
            <p className="text-sm">Meta refused no reply.</p>
          ) : (
            <table className="w-full text-left text-sm" data-send-failures>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="font-medium">Meta code</th>
                  <th className="font-medium">Meaning</th>
                  <th className="text-right font-medium">Calls</th>
                  <th className="text-right font-medium">Failed messages</th>
                </tr>
              </thead>
              <tbody>
                {health.sendFailures.groups.map((g) => (
                  <tr key={`${g.code}/${g.subcode}`} className="border-t border-slate-100">
                    <td className="py-1 font-mono text-xs">{g.code === null ? "—" : g.subcode ? `${g.code}/${g.subcode}` : g.code}</td>
                    <td className="py-1 text-xs">{g.key.replaceAll("_", " ")}</td>
                    <td className="py-1 text-right">{g.calls}</td>
                    <td className="py-1 text-right">{g.final}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>

        <Card title="Restrictions by Meta">
          {channel.restrictedAt ? (
            <>
              <p className="text-sm font-medium text-red-800">Restricted by Meta since {at(channel.restrictedAt)}</p>
              <p className="mt-1 text-xs text-slate-600">{channel.restrictionError}</p>
              <p className="mt-1 text-xs text-slate-500">Lifted automatically when a reply from this channel goes through.</p>
            </>
          ) : (
            <p className="text-sm">None known: Meta took the channel&apos;s latest replies.</p>
          )}
        </Card>

        <Card title="Sync and Graph API">
          <Rows
            rows={[
              ["Sync", `${channel.syncStatus.toLowerCase().replace("_", " ")}, last ${at(channel.lastSyncedAt, "never")}`],
              ["Items set aside (7 days)", health.syncFailures.count === 0 ? "none" : `${health.syncFailures.count}: ${health.syncFailures.lastError}`],
              ["Graph API version", health.graphApi.version],
              ["Served by Meta until", health.graphApi.endOfLife ?? "no end date announced by Meta yet"],
              ["Connected", at(channel.connectedAt)],
            ]}
          />
        </Card>
      </div>
    </main>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-label={title}>
      <h2 className="mb-2 text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Rows({ rows, warning }: { rows: [string, string][]; warning?: string | null }) {
  return (
    <>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {warning ? <p className="mt-2 text-xs font-medium text-red-800">{warning}</p> : null}
    </>
  );
}

function Live<T>({ check, children }: { check: LiveCheck<T>; children: (value: T) => ReactNode }) {
  if (!check.ok) return <p className="mb-2 text-sm text-amber-800">Could not ask Meta: {check.error}</p>;
  return <div className="mb-2">{children(check.value)}</div>;
}
