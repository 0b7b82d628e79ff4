import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/**
 * Review reads every channel of the account, so only managers and admins may call it. Routes and pages
 * check the role first; this repeats it where the data is read, so a new caller cannot forget it.
 */
export function assertReviewer(agent: SessionAgent): void {
  if (agent.role !== "MANAGER" && agent.role !== "ADMIN") throw AppError.forbidden("Review is for managers and admins.");
}
