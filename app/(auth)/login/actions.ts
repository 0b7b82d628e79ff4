"use server";

import { AuthError } from "next-auth";
import { signIn, SignInThrottled } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { throttledMessage } from "@/lib/auth/sign-in-throttle";
import { fieldErrors } from "@/lib/errors";
import { signInSchema } from "@/lib/validations/auth";
import { SIGN_IN_FAILED } from "./sign-in-messages";

export interface SignInState {
  error?: string;
  fields?: Record<string, string[]>;
  email?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return { fields: fieldErrors(parsed.error), email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(String(form.get("callbackUrl") ?? "")),
    });
  } catch (error) {
    // Success ends in a redirect, which Next implements as a thrown signal: only auth failures stop here.
    if (error instanceof SignInThrottled) return { error: throttledMessage(error.retryAfterMs), email };
    if (error instanceof AuthError) return { error: SIGN_IN_FAILED, email };
    throw error;
  }
  return {};
}
