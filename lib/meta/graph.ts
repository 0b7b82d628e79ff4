import "server-only";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { GraphClient } from "./graph-client";
import { SharedPacer } from "./shared-pacer";

/** Meta's Conversations API allows 2 calls/s per Page or IG account (REFERENCE.md §6). */
export const CONVERSATIONS_API_CALLS_PER_SECOND = 2;

/**
 * We pace 4 % under that rate: requests reach Meta with some jitter (our event loop, the network, Meta's
 * front end), and a single throttled call costs far more than the margin — Meta then answers
 * `estimated_time_to_regain_access` in whole minutes, and calling on while throttled lengthens the block.
 */
export const CONVERSATIONS_PACING_HEADROOM = 1.04;

const holder = globalThis as unknown as { __inboxGraph?: { client: GraphClient; conversationsPacer: SharedPacer } };

function instance() {
  if (!holder.__inboxGraph) {
    const config = env();
    // Shared by every process on the database (lib/meta/shared-pacer.ts): Meta counts a Page's calls, not ours.
    const conversationsPacer = new SharedPacer(pool, CONVERSATIONS_API_CALLS_PER_SECOND / CONVERSATIONS_PACING_HEADROOM);
    const client = new GraphClient({ baseUrl: config.META_GRAPH_BASE_URL, version: config.META_GRAPH_VERSION, appSecret: config.META_APP_SECRET });
    holder.__inboxGraph = { client, conversationsPacer };
  }
  return holder.__inboxGraph;
}

/**
 * The process-wide Graph client (configured base URL, version, appsecret_proof). Sends use it directly;
 * reads of the Conversations API go through `conversationsGraph()`, which is paced per Page.
 */
export function graph(): GraphClient {
  return instance().client;
}

/** A Graph client that spaces calls per owner at the Conversations API's rate (sync, reconciliation), across every process. */
export function conversationsGraph(): GraphClient {
  const { conversationsPacer } = instance();
  const config = env();
  return new GraphClient({
    baseUrl: config.META_GRAPH_BASE_URL,
    version: config.META_GRAPH_VERSION,
    appSecret: config.META_APP_SECRET,
    pacer: conversationsPacer,
  });
}
