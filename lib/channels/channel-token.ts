import "server-only";
import { decryptToken, encryptToken } from "@/lib/crypto/token-cipher";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Encrypts a Page token for storage on a channel row (the channel id is bound into the ciphertext). */
export function sealChannelToken(channelId: string, token: string): string {
  return encryptToken(token, env().TOKEN_ENCRYPTION_KEY, `channel:${channelId}`);
}

/**
 * The decrypted Page token of a channel, for one Graph call. Never log it, return it from an API, or keep
 * it beyond the call.
 */
export async function channelToken(channelId: string): Promise<string> {
  const channel = await db.channel.findUnique({
    where: { id: channelId },
    select: { accessTokenEncrypted: true, tokenStatus: true },
  });
  if (!channel?.accessTokenEncrypted) throw new AppError("unavailable", "This channel is not connected to Meta.");
  return decryptToken(channel.accessTokenEncrypted, env().TOKEN_ENCRYPTION_KEY, `channel:${channelId}`);
}
