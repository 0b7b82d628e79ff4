"use client";

// Admins turn the satisfaction survey on resolve on or off and word its question. The form validates with the
// schema the API uses (lib/validations/csat.ts) and shows the API's field errors.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { CsatSettingsView } from "@/lib/csat/csat-settings";
import { CSAT_QUESTION_MAX, csatSettingsSchema } from "@/lib/validations/csat";

export function CsatAdmin({ initial }: { initial: CsatSettingsView }) {
  const [saved, setSaved] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (input: unknown) => apiFetch<{ csat: CsatSettingsView }>("/api/admin/csat", { method: "PUT", json: input }),
    onSuccess: ({ csat }) => {
      setSaved(csat);
      setNotice(csat.enabled ? "Saved: resolving a conversation now asks for a rating." : "Saved: no survey on resolve.");
    },
    onError: (e) => {
      const fields = e instanceof ApiError ? (e.details as { fields?: Record<string, string[]> } | undefined)?.fields : undefined;
      setErrors(fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0] ?? ""])) : { form: e.message });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = csatSettingsSchema.safeParse({ enabled: data.get("enabled") === "on", question: data.get("question"), privacyUrl: data.get("privacyUrl") });
    setNotice(null);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message])));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">Satisfaction survey</h1>
        <p className="text-sm text-slate-600">
          When an agent resolves a conversation, ask the person to rate the help from 1 to 5: on Messenger with Meta&apos;s feedback template, on
          Instagram with five quick replies. Only inside Meta&apos;s 24-hour window, at most once a week per conversation; ratings show in the thread,
          the contact panel and the reports.
        </p>
      </div>
      <form onSubmit={submit} aria-label="Satisfaction survey" className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200" noValidate>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="enabled" defaultChecked={saved.enabled} className="size-4" />
          Ask for a rating when a conversation is resolved
        </label>
        <Field id="csat-question" label="Question" hint={`Empty: “${saved.defaultQuestion}”`} error={errors.question}>
          <Input id="csat-question" name="question" defaultValue={saved.question ?? ""} maxLength={CSAT_QUESTION_MAX} placeholder={saved.defaultQuestion} />
        </Field>
        <Field id="csat-privacy" label="Privacy policy address" hint="Meta shows it on the Messenger survey (required)." error={errors.privacyUrl}>
          <Input id="csat-privacy" name="privacyUrl" type="url" defaultValue={saved.privacyUrl ?? ""} placeholder="https://example.com/privacy" />
        </Field>
        {errors.form ? <p className="text-sm text-red-700">{errors.form}</p> : null}
        {notice ? (
          <p role="status" className="text-sm text-emerald-800">
            {notice}
          </p>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
      </form>
    </div>
  );
}
