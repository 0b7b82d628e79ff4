import "server-only";
import { AppError } from "@/lib/errors";
import { fetchTokenPage } from "@/lib/meta/fetch-token-page";
import { graph } from "@/lib/meta/graph";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError, GraphNetworkError } from "@/lib/meta/graph-error";
import { connectPage, type ConnectedChannel } from "./connect-page";

/**
 * Connects the Page a pasted Page token belongs to (and its linked Instagram account). A token Meta refuses
 * (190 and the rest) is a 400 on the token field, Meta out of reach a 503; nothing is stored either way.
 */
export async function connectChannelFromPageToken(input: { accountId: string; actorId: string | null; pageToken: string; graph?: GraphClient }): Promise<ConnectedChannel[]> {
  const client = input.graph ?? graph();
  let page;
  try {
    page = await fetchTokenPage(client, input.pageToken);
  } catch (error) {
    if (error instanceof GraphApiError) {
      const message = `Meta did not accept this token: ${error.message}`;
      throw AppError.invalid(message, { field: "pageToken", fields: { pageToken: [message] } });
    }
    if (error instanceof GraphNetworkError) throw new AppError("unavailable", "Meta could not be reached to check this token. Try again in a moment.");
    throw error;
  }
  return connectPage({ accountId: input.accountId, actorId: input.actorId, page, pageToken: input.pageToken, graph: client });
}
