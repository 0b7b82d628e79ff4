// Why connecting with Facebook or Instagram failed, as a code the OAuth callback puts in the URL of the Channels page
// (`/admin/channels?error=<code>`). The page shows the message of a known code only — never text taken
// from the URL, which anyone can write into a link. Pure: the page and the callback share it.

export const CONNECT_ERRORS = {
  oauth_state: "This sign-in was not started here (or took too long). Start again from Channels.",
  cancelled: "Connecting was cancelled in the Facebook or Instagram dialog.",
  facebook_error: "Meta did not complete the sign-in. Try again.",
  meta_refused: "Meta refused the sign-in. Try again; if it keeps failing, check the Meta app's settings.",
  no_pages: "Meta granted no Page. Choose at least one Page in the Facebook dialog (and allow the inbox to list your Pages).",
  already_connected: "A Page you chose is already connected to another team's inbox.",
  not_admin: "Sign in as an admin to connect channels.",
  failed: "Connecting failed on our side. Please try again.",
} as const;

export type ConnectErrorCode = keyof typeof CONNECT_ERRORS;

export function isConnectErrorCode(value: unknown): value is ConnectErrorCode {
  return typeof value === "string" && Object.hasOwn(CONNECT_ERRORS, value);
}

/** The message for a code from the URL, or null for anything that is not one of ours. */
export function connectErrorMessage(code: string | null | undefined): string | null {
  return isConnectErrorCode(code) ? CONNECT_ERRORS[code] : null;
}

/** `?connected=<n>` from the URL: a small count, or null. */
export function connectedCount(value: string | null | undefined): number | null {
  return value && /^\d{1,3}$/.test(value) ? Number(value) : null;
}
