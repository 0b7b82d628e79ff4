import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateLabelInput, UpdateLabelInput } from "@/lib/validations/labels";
import { labelSelect, type LabelView } from "./label-view";

const nameTaken = (name: string | undefined) => AppError.conflict(`A label named “${name ?? ""}” already exists.`, { field: "name" });
const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** A manager's or admin's new label (the route checks the role). 409 when the name is taken. */
export async function createLabel({ actor, input }: { actor: SessionAgent; input: CreateLabelInput }): Promise<LabelView> {
  try {
    return await db.$transaction(async (tx) => {
      const label = await tx.label.create({ data: { accountId: actor.accountId, name: input.name, color: input.color }, select: labelSelect });
      await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "label.created", data: { labelId: label.id, name: label.name, color: label.color } }, tx);
      return label;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Renames or recolours a label of the actor's account. */
export async function updateLabel({ actor, labelId, input }: { actor: SessionAgent; labelId: string; input: UpdateLabelInput }): Promise<LabelView> {
  try {
    return await db.$transaction(async (tx) => {
      const { count } = await tx.label.updateMany({ where: { id: labelId, accountId: actor.accountId }, data: input });
      if (count === 0) throw AppError.notFound("Label");
      await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "label.updated", data: { labelId, changes: input } }, tx);
      return tx.label.findUniqueOrThrow({ where: { id: labelId }, select: labelSelect });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Deletes a label; it leaves every conversation that carried it (each audit keeps the label's id). */
export async function deleteLabel({ actor, labelId }: { actor: SessionAgent; labelId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const label = await tx.label.findFirst({ where: { id: labelId, accountId: actor.accountId }, select: { name: true } });
    if (!label) throw AppError.notFound("Label");
    await tx.label.delete({ where: { id: labelId } });
    await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "label.deleted", data: { labelId, name: label.name } }, tx);
  });
}
