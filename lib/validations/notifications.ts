import { z } from "zod";
import { idSchema } from "./id-schema";

/** `POST /api/admin/notifications/read`: the notifications to mark read, or all of the admin's. */
export const markNotificationsReadSchema = z.union([
  z.object({ ids: z.array(idSchema()).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
