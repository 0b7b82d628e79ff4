import type { db } from "@/lib/db";

/** A Prisma interactive transaction: sync and webhook writes run inside one, with the row locks it holds. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
