import "server-only";
import type { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Channel ids coming from a request must all belong to the admin's account. */
export async function assertChannelsInAccount(
  client: Pick<typeof db, "channel">,
  accountId: string,
  channelIds: string[],
): Promise<void> {
  if (channelIds.length === 0) return;
  const unique = [...new Set(channelIds)];
  const found = await client.channel.count({ where: { id: { in: unique }, accountId } });
  if (found !== unique.length) throw AppError.invalid("Some of these channels do not exist in your account.", { field: "channelIds" });
}
