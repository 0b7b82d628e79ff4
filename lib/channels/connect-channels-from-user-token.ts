import "server-only";
import { AppError } from "@/lib/errors";
import { CONNECT_ERRORS } from "./connect-errors";
import { graph } from "@/lib/meta/graph";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import { fetchGrantedPermissions } from "@/lib/meta/fetch-granted-permissions";
import { listUserPages } from "@/lib/meta/list-user-pages";
import { connectPage, type ConnectedChannel } from "./connect-page";

/**
 * After Facebook Login: connects every Page the person granted (`/me/accounts`, each with its Page token and
 * linked Instagram account). The user token itself is not kept.
 */
export async function connectChannelsFromUserToken(input: { accountId: string; actorId: string | null; userToken: string; graph?: GraphClient }): Promise<ConnectedChannel[]> {
  const client = input.graph ?? graph();
  let pages;
  try {
    pages = await listUserPages(client, input.userToken);
  } catch (error) {
    if (error instanceof GraphApiError) throw AppError.invalid(`Meta did not list your Pages: ${error.message}`, { connectError: "meta_refused" });
    throw error;
  }
  // What was granted decides which features a channel has (comments need their own permissions); a failed
  // read leaves it unknown rather than failing the connection.
  const grantedScopes = await fetchGrantedPermissions(client, input.userToken).catch(() => null);
  const usable = pages.filter((p) => p.access_token);
  if (usable.length === 0) throw AppError.invalid(CONNECT_ERRORS.no_pages, { connectError: "no_pages" });
  const connected: ConnectedChannel[] = [];
  for (const page of usable) connected.push(...(await connectPage({ accountId: input.accountId, actorId: input.actorId, page, pageToken: page.access_token!, graph: client, grantedScopes })));
  return connected;
}
