import type { GraphClient } from "./graph-client";

/** `GET /me/permissions` with a user token: the permissions the person granted (status "granted"). */
export async function fetchGrantedPermissions(graph: GraphClient, userToken: string): Promise<string[]> {
  const answer = await graph.get<{ data?: { permission?: string; status?: string }[] }>("me/permissions", { token: userToken });
  return (answer.data ?? []).filter((p) => p.status === "granted" && typeof p.permission === "string").map((p) => p.permission!);
}
