export const SIGN_IN_FAILED = "That email and password don't match an active account.";
export const SIGN_IN_THROTTLED = "Too many sign-in attempts. Wait a few minutes, then try again.";
