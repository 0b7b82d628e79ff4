// How often a channel is re-read and how far back each pass looks. Pure.

/** Periodic reconciliation: a webhook Meta never delivered is repaired within this long. */
export const RECONCILE_INTERVAL_MS = 3 * 60_000;

/**
 * The next watermark lies this far before the newest `updated_time` a pass saw: conversations updated while
 * a pass was paging (they jump to the front, behind the pass) and small clock differences are read again.
 */
export const RECONCILE_OVERLAP_MS = 10 * 60_000;

/** The watermark after a pass: never moves back. */
export function nextReconcileWatermark(previous: Date | null, newestUpdatedAt: Date | null): Date | null {
  if (!newestUpdatedAt) return previous;
  const candidate = new Date(newestUpdatedAt.getTime() - RECONCILE_OVERLAP_MS);
  return previous && previous > candidate ? previous : candidate;
}
