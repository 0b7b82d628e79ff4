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

/**
 * How a channel's token reaches Meta (the `connection` of a channel): Facebook Login tokens go to
 * graph.facebook.com, Instagram Login tokens to graph.instagram.com — each host refuses the other's tokens.
 */
export type GraphConnection = "FACEBOOK_LOGIN" | "INSTAGRAM_LOGIN";

interface GraphInstances {
  clients: Record<GraphConnection, GraphClient>;
  /** One pacer for both hosts: an IG account read through either login shares Meta's per-account budget. */
  conversationsPacer: SharedPacer;
}

const holder = globalThis as unknown as { __inboxGraph?: GraphInstances };

function hostOf(connection: GraphConnection) {
  const config = env();
  return connection === "INSTAGRAM_LOGIN"
    ? { baseUrl: config.META_INSTAGRAM_GRAPH_BASE_URL, version: config.META_GRAPH_VERSION, appSecret: config.META_INSTAGRAM_APP_SECRET ?? config.META_APP_SECRET }
    : { baseUrl: config.META_GRAPH_BASE_URL, version: config.META_GRAPH_VERSION, appSecret: config.META_APP_SECRET };
}

function instance(): GraphInstances {
  if (!holder.__inboxGraph) {
    // Shared by every process on the database (lib/meta/shared-pacer.ts): Meta counts a Page's calls, not ours.
    const conversationsPacer = new SharedPacer(pool, CONVERSATIONS_API_CALLS_PER_SECOND / CONVERSATIONS_PACING_HEADROOM);
    holder.__inboxGraph = {
      clients: { FACEBOOK_LOGIN: new GraphClient(hostOf("FACEBOOK_LOGIN")), INSTAGRAM_LOGIN: new GraphClient(hostOf("INSTAGRAM_LOGIN")) },
      conversationsPacer,
    };
  }
  return holder.__inboxGraph;
}

/**
 * The process-wide Graph client of a connection (configured host, version, appsecret_proof). Sends use it
 * directly; reads of the Conversations API go through `conversationsGraph()`, which is paced per Page.
 */
export function graph(connection: GraphConnection = "FACEBOOK_LOGIN"): GraphClient {
  return instance().clients[connection];
}

/** A Graph client that spaces calls per owner at the Conversations API's rate (sync, reconciliation), across every process. */
export function conversationsGraph(connection: GraphConnection = "FACEBOOK_LOGIN"): GraphClient {
  const { conversationsPacer } = instance();
  return new GraphClient({ ...hostOf(connection), pacer: conversationsPacer });
}
