"use client";

// One clock for the whole inbox: countdown badges, relative times and the composer's window mode all
// re-render from the same 1-second tick, instead of a timer per row. While hydrating, components read the
// time the server rendered with, so the first client render matches the HTML.
import { createContext, useContext, useMemo, useSyncExternalStore } from "react";

const TICK_MS = 1000;
let current = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export const ServerNowContext = createContext<number>(0);

export function useNow(): Date {
  const serverNow = useContext(ServerNowContext);
  const ms = useSyncExternalStore(
    subscribe,
    () => current,
    () => serverNow,
  );
  return useMemo(() => new Date(ms), [ms]);
}
