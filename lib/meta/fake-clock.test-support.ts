import type { PacerClock } from "./pacer";

/** A clock for tests: sleeping advances time instantly and records the waits. */
export function fakeClock(start = 0): PacerClock & { sleeps: number[]; time: number } {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}
