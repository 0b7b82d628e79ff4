"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { subscribeToEventStream } from "./event-stream";

/**
 * Refetches `queryKey` when the tab's realtime stream names one of `events`, each after its delay (a burst of
 * events is one refetch); a refresh already due sooner is not pushed back, so a busy event cannot starve a
 * prompt one. After a gap in the stream (events may have been missed) it refetches at once.
 */
export function useStreamRefresh(queryKey: QueryKey, events: Record<string, number>) {
  const queryClient = useQueryClient();
  const spec = JSON.stringify(events);
  const keySpec = JSON.stringify(queryKey);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dueAt = Infinity;
    const refreshIn = (ms: number) => {
      if (timer && Date.now() + ms >= dueAt) return;
      if (timer) clearTimeout(timer);
      dueAt = Date.now() + ms;
      timer = setTimeout(() => {
        timer = null;
        dueAt = Infinity;
        void queryClient.invalidateQueries({ queryKey: JSON.parse(keySpec) as QueryKey });
      }, ms);
    };
    const delays = JSON.parse(spec) as Record<string, number>;
    const unsubscribe = subscribeToEventStream({
      events: Object.fromEntries(Object.entries(delays).map(([event, ms]) => [event, () => refreshIn(ms)])),
      onOpen: (afterGap) => afterGap && refreshIn(0),
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [queryClient, spec, keySpec]);
}
