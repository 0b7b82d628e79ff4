"use client";

import { AssignmentSetting } from "./assignment-setting";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { AdminChannel } from "@/lib/channels/list-admin-channels";
import { formatDateTime } from "@/lib/conversations/format-time";
import { useStreamRefresh } from "@/components/realtime/use-stream-refresh";

const CHANNELS_KEY = ["admin", "channels"] as const;

/** `connected` and `error` come from the URL, already reduced to a count and the message of a known code (lib/channels/connect-errors.ts). */
export function ChannelsAdmin({ initialChannels, connected, error }: { initialChannels: AdminChannel[]; connected: number | null; error: string | null }) {
  const { data: channels } = useQuery({
    queryKey: CHANNELS_KEY,
    queryFn: () => apiFetch<{ channels: AdminChannel[] }>("/api/admin/channels").then((r) => r.channels),
    initialData: initialChannels,
    // A fallback while a sync runs, should the event stream be unavailable.
    refetchInterval: (query) => (query.state.data?.some((c) => c.sync && (c.sync.status === "RUNNING" || c.sync.status === "QUEUED")) ? 5_000 : false),
  });
  // Sync progress arrives every half second per channel: one refetch per burst is enough.
  useStreamRefresh(CHANNELS_KEY, { "channel.updated": 400, resync: 400 });
  const [pasting, setPasting] = useState(false);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">Channels</h1>
          <p className="text-sm text-slate-600">
            Facebook Pages and Instagram accounts whose conversations this inbox shows and answers. An Instagram account without a Page connects with Instagram.
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setPasting((v) => !v)} aria-expanded={pasting}>
            Paste a Page token
          </Button>
          <FacebookLoginButton>Connect with Facebook</FacebookLoginButton>
          <InstagramLoginButton>Connect with Instagram</InstagramLoginButton>
        </div>
      </div>
      {connected !== null ? (
        <p role="status" className="rounded-md bg-window-open-soft px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Connected {connected} channel{connected === 1 ? "" : "s"}. Conversations are being imported.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-window-urgent-soft px-4 py-3 text-sm text-red-900 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      {pasting ? <PasteTokenForm onDone={() => setPasting(false)} /> : null}
      {channels.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">
          No channel is connected yet. Connect with Facebook to choose the Pages (and linked Instagram accounts) your team answers.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Connected channels">
          {channels.map((channel) => (
            <ChannelCard key={channel.id} channel={channel} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** A full-page navigation to Facebook Login (through our route, which sets the state's nonce cookie). */
function FacebookLoginButton({ size = "md", children }: { size?: "sm" | "md"; children: string }) {
  return (
    <form method="get" action="/api/admin/channels/oauth">
      <button type="submit" className={buttonClasses("primary", size)}>
        {children}
      </button>
    </form>
  );
}

/** A full-page navigation to Instagram's authorization window (Instagram Login: accounts with or without a Page). */
function InstagramLoginButton({ size = "md", children }: { size?: "sm" | "md"; children: string }) {
  return (
    <form method="get" action="/api/admin/channels/instagram-oauth">
      <button type="submit" className={buttonClasses("primary", size)}>
        {children}
      </button>
    </form>
  );
}

const formatDay = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

function PasteTokenForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const connect = useMutation({
    mutationFn: (pageToken: string) => apiFetch<{ channels: AdminChannel[] }>("/api/admin/channels", { method: "POST", json: { pageToken } }),
    onSuccess: ({ channels }) => {
      queryClient.setQueryData(CHANNELS_KEY, channels);
      onDone();
    },
  });
  const fieldError = connect.error instanceof ApiError ? (connect.error.fieldError("pageToken") ?? connect.error.message) : connect.error?.message;
  function submit(event: FormEvent) {
    event.preventDefault();
    connect.mutate(token);
  }
  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-label="Connect with a Page token">
      <Field id="page-token" label="Page access token" error={fieldError} hint="A Page token from Meta's Graph API Explorer or Business settings. It is stored encrypted and never shown again.">
        <Input
          id="page-token"
          type="password"
          autoComplete="off"
          value={token}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "page-token-error" : "page-token-hint"}
          onChange={(e) => setToken(e.target.value)}
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={connect.isPending || token.trim() === ""}>
          {connect.isPending ? "Connecting…" : "Connect"}
        </Button>
      </div>
    </form>
  );
}

const TOKEN_LABEL = {
  VALID: { tone: "success", text: "Connected" },
  NEEDS_RECONNECT: { tone: "danger", text: "Needs reconnect" },
  MISCONFIGURED: { tone: "warning", text: "Misconfigured" },
} as const;

function ChannelCard({ channel }: { channel: AdminChannel }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const toggleId = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
  const humanAgent = useMutation({
    mutationFn: (enabled: boolean) => apiFetch(`/api/admin/channels/${channel.id}`, { method: "PATCH", json: { humanAgentEnabled: enabled } }),
    onSuccess: refresh,
  });
  const resync = useMutation({ mutationFn: () => apiFetch(`/api/admin/channels/${channel.id}/resync`, { method: "POST" }), onSuccess: refresh });
  const disconnect = useMutation({ mutationFn: () => apiFetch(`/api/admin/channels/${channel.id}`, { method: "DELETE" }), onSuccess: refresh });
  const renew = useMutation({
    mutationFn: () => apiFetch<{ refreshed: boolean; error: string | null }>(`/api/admin/channels/${channel.id}/refresh-token`, { method: "POST" }),
    onSuccess: refresh,
  });
  const token = channel.needsReconnect ? TOKEN_LABEL.NEEDS_RECONNECT : TOKEN_LABEL[channel.tokenStatus];
  const failure = humanAgent.error ?? resync.error ?? disconnect.error ?? renew.error;
  const instagramLogin = channel.connection === "INSTAGRAM_LOGIN";
  const ReconnectButton = instagramLogin ? InstagramLoginButton : FacebookLoginButton;

  return (
    <li className="rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="font-medium text-slate-900">
              {channel.name}
            </h2>
            <Badge tone={channel.platform === "INSTAGRAM" ? "brand" : "neutral"}>{channel.platform === "INSTAGRAM" ? "Instagram" : "Messenger"}</Badge>
            <Badge tone={token.tone}>{token.text}</Badge>
            {channel.webhookStatus !== "SUBSCRIBED" ? <Badge tone="warning">Webhooks {channel.webhookStatus === "FAILED" ? "failed" : "off"}</Badge> : null}
            {channel.restrictedAt ? <Badge tone="danger">Restricted by Meta</Badge> : null}
            {channel.deliveryGaps.count > 0 ? (
              <Badge tone="warning">
                {channel.deliveryGaps.count} missed webhook{channel.deliveryGaps.count === 1 ? "" : "s"} (7 days)
              </Badge>
            ) : null}
          </div>
          <p className="text-xs text-slate-500">
            {channel.username ? `@${channel.username} · ` : ""}
            {channel.platform === "MESSENGER"
              ? `Page ${channel.metaId}`
              : instagramLogin
                ? `Instagram account ${channel.metaId} · connected with Instagram`
                : `Instagram account ${channel.metaId} via Page ${channel.pageMetaId}`}{" "}
            ·{" "}
            {channel.conversationCount} conversation{channel.conversationCount === 1 ? "" : "s"}
          </p>
          {channel.tokenStatus !== "VALID" && channel.tokenError ? <p className="mt-1 text-xs text-red-700">{channel.tokenError}</p> : null}
          {instagramLogin && channel.tokenExpiresAt && channel.tokenStatus === "VALID" ? (
            channel.tokenRefreshError ? (
              <p className={`mt-1 text-xs ${channel.needsReconnect ? "text-red-700" : "text-amber-800"}`} data-token-refresh>
                Renewing Instagram&apos;s access failed ({channel.tokenRefreshError}). Access ends {formatDay(channel.tokenExpiresAt)}
                {channel.needsReconnect ? ": reconnect before then." : "; retried automatically."}
              </p>
            ) : (
              <p className="mt-1 text-xs text-slate-500" data-token-refresh>
                Access valid until {formatDay(channel.tokenExpiresAt)}, renewed automatically{channel.tokenRefreshAt ? ` from ${formatDay(channel.tokenRefreshAt)}` : ""}.
              </p>
            )
          ) : null}
          {channel.restrictedAt && channel.restrictionError ? <p className="mt-1 text-xs text-red-700">{channel.restrictionError}</p> : null}
          <p className="mt-1 text-xs text-slate-500">
            Last webhook: {channel.lastWebhookAt ? `${formatDateTime(new Date(channel.lastWebhookAt), "UTC")} UTC` : "none received yet"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {channel.needsReconnect ? <ReconnectButton size="sm">Reconnect</ReconnectButton> : null}
          {instagramLogin && channel.tokenStatus === "VALID" ? (
            <Button variant="secondary" size="sm" disabled={renew.isPending} onClick={() => renew.mutate()}>
              Renew access now
            </Button>
          ) : null}
          <Link href={`/admin/channels/${channel.id}/health`} className={buttonClasses("secondary", "sm")}>
            Health
          </Link>
          <Button variant="secondary" size="sm" disabled={resync.isPending || channel.tokenStatus === "NEEDS_RECONNECT"} onClick={() => resync.mutate()}>
            Re-sync now
          </Button>
          <Button
            variant="danger"
            size="sm"
            disabled={disconnect.isPending}
            onClick={() => {
              if (window.confirm(`Disconnect ${channel.name}? Its conversations stay; new messages stop arriving until you connect it again.`)) disconnect.mutate();
            }}
          >
            Disconnect
          </Button>
        </div>
      </div>
      <SyncStatus channel={channel} />
      {channel.syncFailures.count > 0 ? (
        <p className="mt-2 text-xs text-amber-800" data-sync-failures>
          {channel.syncFailures.count} item{channel.syncFailures.count === 1 ? "" : "s"} from Meta could not be stored in the last 7 days and were set
          aside (everything else was imported). Last: {channel.syncFailures.lastError}
        </p>
      ) : null}
      {channel.missingCommentPermissions && channel.missingCommentPermissions.length > 0 ? (
        <p className="mt-2 text-xs text-amber-800" data-comment-permissions-missing>
          Comments are off for this channel: Meta did not grant {channel.missingCommentPermissions.join(", ")}. Connect again and allow
          these permissions to read and answer comments.
        </p>
      ) : null}
      <div className="mt-3 flex items-start gap-2 border-t border-slate-100 pt-3">
        <input
          id={toggleId}
          type="checkbox"
          role="switch"
          className="mt-0.5 size-4 accent-brand"
          checked={channel.humanAgentEnabled}
          disabled={humanAgent.isPending}
          onChange={(e) => humanAgent.mutate(e.target.checked)}
        />
        <label htmlFor={toggleId} className="text-sm">
          <span className="font-medium">This app has Meta&apos;s Human Agent feature</span>
          <span className="block text-xs text-slate-500">
            Allows agents to reply between 24 hours and 7 days after the person&apos;s last message (HUMAN_AGENT tag). Meta has no API to check it: turn it on only once App Review granted it.
          </span>
        </label>
      </div>
      <AssignmentSetting channelId={channel.id} mode={channel.assignmentMode} capacity={channel.assignmentCapacity} queryKey={CHANNELS_KEY} />
      {failure ? (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {failure.message}
        </p>
      ) : renew.data && !renew.data.refreshed ? (
        <p role="alert" className="mt-2 text-xs text-red-700">
          Meta did not renew the access: {renew.data.error}
        </p>
      ) : null}
    </li>
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function SyncStatus({ channel }: { channel: AdminChannel }) {
  const sync = channel.sync;
  if (!sync) return null;
  const active = sync.status === "QUEUED" || sync.status === "RUNNING";
  const label = sync.kind === "BACKFILL" ? "Import" : "Re-sync";
  const percent = sync.fraction === null ? null : Math.round(sync.fraction * 100);
  const parts = [
    sync.total !== null ? `${sync.done} of ${sync.totalIsEstimate ? "about " : ""}${sync.total} conversations` : `${sync.done} conversations`,
    sync.ratePerSecond ? `${sync.ratePerSecond.toFixed(1)}/s` : null,
    active && sync.secondsLeft !== null ? `${formatDuration(sync.secondsLeft)} left` : null,
    `${sync.messagesImported} messages`,
  ].filter(Boolean);
  return (
    <div className="mt-3 space-y-1">
      <div className="flex items-center justify-between text-xs text-slate-600">
        <span>
          {label}{" "}
          {sync.status === "QUEUED" ? "queued" : sync.status === "RUNNING" ? "running" : sync.status === "SUCCEEDED" ? "complete" : sync.status === "FAILED" ? "failed" : "cancelled"}
          {" · "}
          {parts.join(" · ")}
        </span>
        {channel.lastSyncedAt ? <span>Last synced {new Date(channel.lastSyncedAt).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })}</span> : null}
      </div>
      {active || sync.status === "SUCCEEDED" ? (
        <div
          role="progressbar"
          aria-label={`${label} of ${channel.name}`}
          aria-valuemin={0}
          aria-valuemax={sync.total ?? undefined}
          aria-valuenow={sync.total !== null ? sync.done : undefined}
          aria-valuetext={parts.join(", ")}
          className="h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className={`h-full rounded-full ${sync.status === "SUCCEEDED" ? "bg-window-open" : "bg-brand"} ${percent === null ? "w-1/3 animate-pulse" : ""}`}
            style={percent === null ? undefined : { width: `${percent}%` }}
          />
        </div>
      ) : null}
      {sync.error && sync.status === "FAILED" && channel.tokenStatus === "VALID" ? <p className="text-xs text-red-700">{sync.error}</p> : null}
    </div>
  );
}
