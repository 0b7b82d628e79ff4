"use client";

// One connection per tab to the realtime stream (/api/events, Server-Sent Events, every event named by its
// type), shared by everything on the page that listens: browsers allow six connections per host over
// HTTP/1.1, and a stream per component (inbox, header bells, Channels page) held two or three of them per tab —
// with a few tabs open, every other request of the app waited for a free connection.
//
// The connection opens with the first subscriber and closes with the last. The browser retries a dropped
// connection by itself; a refused one (an HTTP error) is closed for good, so it is retried here with backoff.
// A session that ends while the page is open (deactivated, signed out elsewhere) sends `signed-out`: every
// page goes to the sign-in page, which says why.

export interface StreamSubscriber {
  /** Handlers by event name; each gets the event's data (JSON text). */
  events: Record<string, (data: string) => void>;
  /** The stream opened; `afterGap` when it had been open or had failed before: events may have been missed. */
  onOpen?(afterGap: boolean): void;
  /** Open or not (told at once when subscribing to an open stream). */
  onConnectionChange?(connected: boolean): void;
}

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

const subscribers = new Set<StreamSubscriber>();
let source: EventSource | null = null;
/** Event names with a dispatcher on the current source. */
let registered = new Set<string>();
let connected = false;
let everOpened = false;
let attempt = 0;
let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

function dispatcherOf(name: string) {
  return (message: MessageEvent<string>) => {
    for (const subscriber of [...subscribers]) subscriber.events[name]?.(message.data);
  };
}

function register(name: string): void {
  if (!source || registered.has(name)) return;
  registered.add(name);
  source.addEventListener(name, dispatcherOf(name) as EventListener);
}

function setConnected(value: boolean): void {
  if (connected === value) return;
  connected = value;
  for (const subscriber of [...subscribers]) subscriber.onConnectionChange?.(value);
}

function onSignedOut(message: MessageEvent<string>): void {
  let reason = "ended";
  try {
    if ((JSON.parse(message.data) as { reason?: string }).reason === "deactivated") reason = "deactivated";
  } catch {
    // No reason given: the session ended.
  }
  close();
  subscribers.clear();
  // A full navigation on purpose: all client state is dropped.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/login?reason=${reason}`);
}

function connect(): void {
  reconnectTimer = undefined;
  if (subscribers.size === 0) return;
  const opened = new EventSource("/api/events");
  source = opened;
  registered = new Set();
  for (const subscriber of subscribers) for (const name of Object.keys(subscriber.events)) register(name);
  opened.addEventListener("signed-out", onSignedOut as EventListener);
  opened.onopen = () => {
    const afterGap = everOpened || attempt > 0;
    everOpened = true;
    attempt = 0;
    setConnected(true);
    for (const subscriber of [...subscribers]) subscriber.onOpen?.(afterGap);
  };
  opened.onerror = () => {
    setConnected(false);
    if (opened.readyState === EventSource.CLOSED && source === opened) {
      opened.close();
      source = null;
      reconnectTimer = setTimeout(connect, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
      attempt += 1;
    }
  };
}

function close(): void {
  source?.close();
  source = null;
  clearTimeout(reconnectTimer);
  reconnectTimer = undefined;
  connected = false;
  everOpened = false;
  attempt = 0;
}

/** Listens on the tab's shared stream until the returned function is called. */
export function subscribeToEventStream(subscriber: StreamSubscriber): () => void {
  subscribers.add(subscriber);
  if (source) {
    for (const name of Object.keys(subscriber.events)) register(name);
    if (connected) subscriber.onConnectionChange?.(true);
  } else if (!reconnectTimer) {
    connect();
  }
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0) close();
  };
}
