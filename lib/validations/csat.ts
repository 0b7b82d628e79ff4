import { z } from "zod";

export const CSAT_QUESTION_MAX = 80;

/** PUT /api/admin/csat: the account's satisfaction survey on resolve. */
export const csatSettingsSchema = z
  .object({
    enabled: z.boolean({ message: "Say whether the survey is on." }),
    question: z
      .string()
      .trim()
      .max(CSAT_QUESTION_MAX, `Use at most ${CSAT_QUESTION_MAX} characters (Meta's limit for the question).`)
      .nullish()
      .transform((v) => (v ? v : null)),
    privacyUrl: z
      .string()
      .trim()
      .max(500, "Use at most 500 characters.")
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), "Enter an http(s) address of your privacy policy."),
  })
  .strict()
  // Meta's feedback template requires the business's privacy policy.
  .refine((v) => !v.enabled || v.privacyUrl !== null, { message: "Messenger's survey needs your privacy policy's address.", path: ["privacyUrl"] });

export type CsatSettingsInput = z.infer<typeof csatSettingsSchema>;
