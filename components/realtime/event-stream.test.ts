import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { subscribeToEventStream } from "./event-stream";

/** A stand-in for the browser's EventSource: records listeners, lets the test open, fail and emit. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((m: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: (m: { data: string }) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  refuse() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  emit(name: string, data: unknown) {
    for (const listener of this.listeners.get(name) ?? []) listener({ data: JSON.stringify(data) });
  }
}

const live = () => FakeEventSource.instances.filter((s) => s.readyState !== FakeEventSource.CLOSED);
let assign: ReturnType<typeof vi.fn>;
const unsubscribes: (() => void)[] = [];
const subscribe = (...args: Parameters<typeof subscribeToEventStream>) => {
  const unsubscribe = subscribeToEventStream(...args);
  unsubscribes.push(unsubscribe);
  return unsubscribe;
};

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.instances = [];
  assign = vi.fn();
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal("window", { location: { assign } });
});
afterEach(() => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the tab's realtime stream", () => {
  it("is one connection for every subscriber; each gets the events it names", () => {
    const inbox: string[] = [];
    const bell: string[] = [];
    subscribe({ events: { "message.upserted": (d) => inbox.push(d) } });
    const source = FakeEventSource.instances[0]!;
    source.open();
    const connected = vi.fn();
    subscribe({ events: { "note.added": (d) => bell.push(d), "message.upserted": (d) => bell.push(d) }, onConnectionChange: connected });
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(source.url).toBe("/api/events");
    expect(connected).toHaveBeenCalledWith(true); // told at once: the stream was open already
    source.emit("message.upserted", { n: 1 });
    source.emit("note.added", { n: 2 });
    expect(inbox).toEqual(['{"n":1}']);
    expect(bell).toEqual(['{"n":1}', '{"n":2}']);
  });

  it("closes with its last subscriber, and opens anew for the next one", () => {
    const first = subscribe({ events: { a: () => {} } });
    const second = subscribe({ events: { b: () => {} } });
    first();
    expect(live()).toHaveLength(1);
    second();
    expect(live()).toHaveLength(0);
    subscribe({ events: { a: () => {} } });
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(live()).toHaveLength(1);
  });

  it("retries a refused connection with backoff, and says the reopened stream had a gap", () => {
    const opens: boolean[] = [];
    const states: boolean[] = [];
    const received: string[] = [];
    subscribe({ events: { "conversation.updated": (d) => received.push(d) }, onOpen: (afterGap) => opens.push(afterGap), onConnectionChange: (c) => states.push(c) });
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.refuse();
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeEventSource.instances[1]!;
    second.refuse();
    vi.advanceTimersByTime(1_999);
    expect(FakeEventSource.instances).toHaveLength(2); // the second wait is longer
    vi.advanceTimersByTime(1);
    const third = FakeEventSource.instances[2]!;
    third.open();
    third.emit("conversation.updated", { id: "c1" }); // the new connection carries the old subscriptions
    expect(opens).toEqual([false, true]);
    expect(states).toEqual([true, false, true]);
    expect(received).toEqual(['{"id":"c1"}']);
  });

  it("does not reconnect after the last subscriber left during the backoff", () => {
    const unsubscribe = subscribe({ events: { a: () => {} } });
    FakeEventSource.instances[0]!.refuse();
    unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("sends every page to the sign-in page, with the reason, when the session ends", () => {
    subscribe({ events: {} });
    const source = FakeEventSource.instances[0]!;
    source.open();
    source.emit("signed-out", { reason: "deactivated" });
    expect(assign).toHaveBeenCalledWith("/login?reason=deactivated");
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    subscribe({ events: {} });
    FakeEventSource.instances[1]!.emit("signed-out", { reason: "password_changed" });
    expect(assign).toHaveBeenLastCalledWith("/login?reason=ended");
  });
});
