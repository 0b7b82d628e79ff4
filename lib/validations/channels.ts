import { z } from "zod";

/** Meta's tokens are long runs of letters and digits; anything with spaces, line breaks or other characters was pasted wrong (and cannot even travel in an HTTP header). */
export const connectPageTokenSchema = z.object({
  pageToken: z
    .string()
    .trim()
    .min(20, "Paste the Page access token from Meta (it is long).")
    .max(1000)
    .regex(/^[\x21-\x7e]+$/, "A Page token has no spaces, line breaks or accented letters: copy it again from Meta."),
});

export const updateChannelSchema = z.object({
  humanAgentEnabled: z.boolean(),
});
