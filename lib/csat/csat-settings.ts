import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { CsatSettingsInput } from "@/lib/validations/csat";
import { CSAT_DEFAULT_QUESTION } from "./csat-survey";

export interface CsatSettingsView {
  enabled: boolean;
  /** null: the default question (`defaultQuestion`). */
  question: string | null;
  privacyUrl: string | null;
  defaultQuestion: string;
}

export async function getCsatSettings(agent: Pick<SessionAgent, "accountId">): Promise<CsatSettingsView> {
  const row = await db.csatSetting.findUnique({ where: { accountId: agent.accountId } });
  return { enabled: row?.enabled ?? false, question: row?.question ?? null, privacyUrl: row?.privacyUrl ?? null, defaultQuestion: CSAT_DEFAULT_QUESTION };
}

/** Saves the account's survey setting (admins), audited as `csat.settings_changed`. */
export async function saveCsatSettings({ actor, input }: { actor: SessionAgent; input: CsatSettingsInput }): Promise<CsatSettingsView> {
  await db.$transaction(async (tx) => {
    await tx.csatSetting.upsert({
      where: { accountId: actor.accountId },
      create: { accountId: actor.accountId, ...input },
      update: input,
    });
    await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "csat.settings_changed", data: input }, tx);
  });
  return getCsatSettings(actor);
}
