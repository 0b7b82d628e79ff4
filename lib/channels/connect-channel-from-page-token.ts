import "server-only";
import { AppError } from "@/lib/errors";
import { fetchTokenPage } from "@/lib/meta/fetch-token-page";
import { graph } from "@/lib/meta/graph";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import { connectPage, type ConnectedChannel } from "./connect-page";

/** Connects the Page a pasted Page token belongs to (and its linked Instagram account). */
export async function connectChannelFromPageToken(input: { accountId: string; actorId: string | null; pageToken: string; graph?: GraphClient }): Promise<ConnectedChannel[]> {
  const client = input.graph ?? graph();
  let page;
  try {
    page = await fetchTokenPage(client, input.pageToken);
  } catch (error) {
    if (error instanceof GraphApiError) throw AppError.invalid(`Meta did not accept this token: ${error.message}`, { field: "pageToken" });
    throw error;
  }
  return connectPage({ accountId: input.accountId, actorId: input.actorId, page, pageToken: input.pageToken, graph: client });
}
