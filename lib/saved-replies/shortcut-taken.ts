import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** The unique (account, shortcut) index refused the write. */
export function isShortcutTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function shortcutTaken(shortcut: string) {
  return AppError.conflict(`Another saved reply already uses /${shortcut}.`, { field: "shortcut" });
}
