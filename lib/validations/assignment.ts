import { z } from "zod";
import { ASSIGNMENT_MODES } from "@/lib/assignment/choose-assignee";

export const AVAILABILITY = ["ONLINE", "AWAY", "OFFLINE"] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** PUT /api/me/availability. */
export const availabilitySchema = z.object({
  status: z.enum(AVAILABILITY, { message: "Status: choose ONLINE, AWAY or OFFLINE." }),
});

/** PUT /api/channels/:id/assignment (admins). */
export const channelAssignmentSchema = z.object({
  mode: z.enum(ASSIGNMENT_MODES, { message: "Mode: choose OFF, ROUND_ROBIN or LEAST_OPEN." }),
  /** Most open conversations per agent before new ones skip them; absent or null: no limit. */
  capacity: z.number().int().min(1, "Capacity is at least 1.").max(1000, "Capacity is at most 1000.").nullable().optional(),
});

export type ChannelAssignmentInput = z.infer<typeof channelAssignmentSchema>;
