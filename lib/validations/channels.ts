import { z } from "zod";

export const connectPageTokenSchema = z.object({
  pageToken: z.string().trim().min(20, "Paste the Page access token from Meta (it is long).").max(1000),
});

export const updateChannelSchema = z.object({
  humanAgentEnabled: z.boolean(),
});
