"use client";

// The agent's alert settings, at the foot of the folder column. Desktop notifications need the browser's
// permission: it is asked here, from the agent's click, never on page load.
import { useState, useSyncExternalStore } from "react";
import type { AgentPreferences } from "@/lib/validations/preferences";
import { BellIcon } from "./icons";

type Permission = NotificationPermission | "unsupported";

function readPermission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}
const noSubscribe = () => () => {};

export function AlertsPanel({
  preferences,
  saving,
  error,
  onChange,
}: {
  preferences: AgentPreferences;
  saving: boolean;
  error: string | null;
  onChange: (patch: Partial<AgentPreferences>) => void;
}) {
  const browserPermission = useSyncExternalStore(noSubscribe, readPermission, () => "default" as Permission);
  const [asked, setAsked] = useState<Permission | null>(null);
  const permission = asked ?? browserPermission;

  async function enableDesktop() {
    const result = await Notification.requestPermission();
    setAsked(result);
    if (result === "granted") onChange({ desktopNotifications: true });
  }

  return (
    <details className="group">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded hover:text-slate-900">
        <BellIcon className="size-4" />
        Alerts
        <span className="text-slate-500">{preferences.sound || preferences.desktopNotifications ? "(on)" : "(off)"}</span>
      </summary>
      <div className="mt-2 space-y-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
        <p className="text-slate-600">New messages in Mine and Unassigned:</p>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={preferences.sound} disabled={saving} onChange={(e) => onChange({ sound: e.target.checked })} />
          Play a sound
        </label>
        {permission === "granted" ? (
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={preferences.desktopNotifications}
              disabled={saving}
              onChange={(e) => onChange({ desktopNotifications: e.target.checked })}
            />
            Desktop notifications
          </label>
        ) : permission === "denied" ? (
          <p className="text-slate-600">Desktop notifications are blocked for this site in your browser&apos;s settings.</p>
        ) : permission === "unsupported" ? (
          <p className="text-slate-600">This browser cannot show desktop notifications.</p>
        ) : (
          <button type="button" onClick={() => void enableDesktop()} className="rounded-md bg-white px-2 py-1 font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100">
            Turn on desktop notifications
          </button>
        )}
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}
