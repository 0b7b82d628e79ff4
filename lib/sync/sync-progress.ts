// The progress an admin sees for a channel's sync: conversations done of total, rate and time left. Meta's
// conversation list has no total count, so while a first backfill runs the total is unknown; a later run is
// measured against the previous run's count (an estimate, flagged as such). Pure.

export interface SyncRunFacts {
  kind: "BACKFILL" | "RECONCILE";
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  conversationsDone: number;
  conversationsTotal: number | null;
  messagesImported: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

export interface SyncProgress {
  kind: "BACKFILL" | "RECONCILE";
  status: SyncRunFacts["status"];
  done: number;
  total: number | null;
  /** The total comes from the previous run (the channel may have gained or lost conversations since). */
  totalIsEstimate: boolean;
  /** 0–1, null while the total is unknown. */
  fraction: number | null;
  /** Conversations per second since the run started. */
  ratePerSecond: number | null;
  secondsLeft: number | null;
  messagesImported: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export function syncProgress(run: SyncRunFacts, previousTotal: number | null, now: Date): SyncProgress {
  const active = run.status === "QUEUED" || run.status === "RUNNING";
  const knownTotal = run.conversationsTotal ?? (active ? previousTotal : null);
  const total = knownTotal === null ? null : Math.max(knownTotal, run.conversationsDone);
  const elapsed = run.startedAt ? ((run.finishedAt ?? now).getTime() - run.startedAt.getTime()) / 1000 : 0;
  const rate = elapsed > 0.5 && run.conversationsDone > 0 ? run.conversationsDone / elapsed : null;
  const fraction = run.status === "SUCCEEDED" ? 1 : total ? Math.min(1, run.conversationsDone / total) : null;
  return {
    kind: run.kind,
    status: run.status,
    done: run.conversationsDone,
    total,
    totalIsEstimate: run.conversationsTotal === null && total !== null,
    fraction,
    ratePerSecond: rate,
    secondsLeft: active && rate && total !== null ? Math.max(0, Math.round((total - run.conversationsDone) / rate)) : null,
    messagesImported: run.messagesImported,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}
