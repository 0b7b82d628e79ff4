import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentAgent } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { LoginForm } from "./login-form";
import { SIGN_IN_FAILED, SIGN_IN_THROTTLED } from "./sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };

// Errors next-auth reports through ?error=&code= when sign-in happens outside this form. Only known codes are
// shown; any other text in the URL is never echoed.
const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: SIGN_IN_FAILED,
  Default: "Sign-in failed. Please try again.",
};

function signInError(error: string | undefined, code: string | undefined): string | undefined {
  if (!error) return undefined;
  if (error === "CredentialsSignin" && code === "throttled") return SIGN_IN_THROTTLED;
  return Object.hasOwn(SIGN_IN_ERRORS, error) ? SIGN_IN_ERRORS[error] : SIGN_IN_ERRORS.Default;
}

/** Why an open page was signed out (?reason=, set by the inbox's realtime stream): only known reasons are shown. */
const SIGNED_OUT_REASONS: Record<string, string> = {
  deactivated: "You were signed out because an admin deactivated your account. Ask an admin of your team to reactivate it.",
  ended: "Your session ended (you signed out elsewhere, or an admin changed your role or password). Sign in again to continue.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; code?: string; reason?: string }> }) {
  const { callbackUrl, error, code, reason } = await searchParams;
  const signedOut = reason && Object.hasOwn(SIGNED_OUT_REASONS, reason) ? SIGNED_OUT_REASONS[reason] : null;
  const returnTo = safeCallbackPath(callbackUrl);
  if (await currentAgent()) redirect(returnTo);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-xl bg-brand text-white shadow-sm">
            <svg viewBox="0 0 24 24" className="size-7" fill="currentColor" aria-hidden="true">
              <path d="M4 7.5C4 5.6 5.6 4 7.5 4h9C18.4 4 20 5.6 20 7.5v6c0 1.9-1.6 3.5-3.5 3.5H11l-4.5 3.5V17C5 16.6 4 15.2 4 13.5z" />
            </svg>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to the inbox</h1>
          <p className="mt-1 text-sm text-slate-600">Messenger and Instagram conversations of your team.</p>
        </div>
        {signedOut ? (
          <p role="status" className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
            {signedOut}
          </p>
        ) : null}
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm callbackUrl={returnTo} initialError={signInError(error, code)} />
        </div>
      </div>
    </main>
  );
}
