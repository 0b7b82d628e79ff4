import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/validations/uuid";
import { attachmentNotFound } from "./upload-lifecycle";

export interface AgentUpload {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * The uploads an agent names in a message, in the order named. Uploads belong to the agent who uploaded
 * them: another agent's upload id — even of the same team — is answered like an unknown or pruned one,
 * 404, so ids seen elsewhere cannot be used to send someone else's file.
 */
export async function findAgentUploads({ agent, uploadIds }: { agent: Pick<SessionAgent, "id" | "accountId">; uploadIds: string[] }): Promise<AgentUpload[]> {
  if (uploadIds.length === 0) return [];
  const ids = uploadIds.map((id) => id.toLowerCase());
  if (!ids.every(isUuid)) throw attachmentNotFound();
  const uploads = await db.upload.findMany({
    where: { id: { in: ids }, accountId: agent.accountId, agentId: agent.id },
    select: { id: true, fileName: true, contentType: true, sizeBytes: true },
  });
  const byId = new Map(uploads.map((u) => [u.id, u]));
  return ids.map((id) => {
    const upload = byId.get(id);
    if (!upload) throw attachmentNotFound();
    return upload;
  });
}
