// Meta's error envelope and the catalogue of errors the simulator answers. Message wording follows Meta's
// documentation and observed responses where known; see README "Errors" for the table and choices.

export interface GraphErrorInit {
  code: number;
  subcode?: number;
  message: string;
  type?: string;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
  /** Overrides the HTTP status chosen from the code. */
  status?: number;
}

export class GraphError extends Error {
  readonly code: number;
  readonly subcode: number | undefined;
  readonly type: string;
  readonly userTitle: string | undefined;
  readonly userMsg: string | undefined;
  readonly isTransient: boolean | undefined;
  readonly status: number;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.name = "GraphError";
    this.code = init.code;
    this.subcode = init.subcode;
    this.type = init.type ?? "OAuthException";
    this.userTitle = init.userTitle;
    this.userMsg = init.userMsg;
    this.isTransient = init.isTransient;
    this.status = init.status ?? httpStatusFor(init.code);
  }

  body(fbtraceId: string): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { message: this.message, type: this.type, code: this.code };
    if (this.subcode !== undefined) error.error_subcode = this.subcode;
    if (this.isTransient !== undefined) error.is_transient = this.isTransient;
    if (this.userTitle !== undefined) error.error_user_title = this.userTitle;
    if (this.userMsg !== undefined) error.error_user_msg = this.userMsg;
    error.fbtrace_id = fbtraceId;
    return { error };
  }
}

/** REFERENCE §5, our choice: 400; 403 for 10 and 200–299; 500 for 1 and 2. */
function httpStatusFor(code: number): number {
  if (code === 1 || code === 2) return 500;
  if (code === 10 || (code >= 200 && code <= 299)) return 403;
  return 400;
}

const RATE_DOC = "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.";

export const Errors = {
  // ── tokens (190 family, 104) ──────────────────────────────────────────────
  missingToken: () =>
    new GraphError({ code: 104, message: "An access token is required to request this resource." }),
  invalidToken: () =>
    new GraphError({ code: 190, message: "Invalid OAuth access token - Cannot parse access token" }),
  sessionInvalidated: () =>
    new GraphError({
      code: 190,
      subcode: 460,
      message:
        "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
      userTitle: "Session invalidated",
      userMsg: "Your session has been invalidated. Please log in again.",
    }),
  sessionExpired: (expiredAt: number, now: number) =>
    new GraphError({
      code: 190,
      subcode: 463,
      message: `Error validating access token: Session has expired on ${metaDate(expiredAt)}. The current time is ${metaDate(now)}.`,
      userTitle: "Session expired",
      userMsg: "Your session has expired. Please log in again.",
    }),
  pageTokenRequired: () => new GraphError({ code: 190, message: "(#190) This method must be called with a Page Access Token" }),
  invalidAppsecretProof: () =>
    new GraphError({ code: 100, type: "GraphMethodException", message: "Invalid appsecret_proof provided in the API argument" }),
  appsecretProofRequired: () =>
    new GraphError({ code: 100, type: "GraphMethodException", message: "API calls from the server require an appsecret_proof argument" }),

  // ── objects, fields, parameters (100 family) ──────────────────────────────
  unsupportedRequest: (method: string, id: string) =>
    new GraphError({
      code: 100,
      subcode: 33,
      type: "GraphMethodException",
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  unknownPath: (path: string) =>
    new GraphError({ code: 2500, message: `Unknown path components: ${path}` }),
  nonexistingField: (field: string, nodeType: string) =>
    new GraphError({ code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})` }),
  fieldsSyntax: (detail: string, at: number, input: string) =>
    new GraphError({ code: 2500, message: `Syntax error "${detail}" at character ${at}: ${input}` }),
  paramRequired: (name: string) => new GraphError({ code: 100, message: `(#100) The parameter ${name} is required` }),
  /** An object parameter that is empty, or not an object in Graph's (loose) JSON — Graph's wording. */
  paramNonEmpty: (name: string) => new GraphError({ code: 100, message: `(#100) param ${name} must be non-empty` }),
  paramInvalid: (message: string, subcode?: number) =>
    new GraphError({ code: 100, ...(subcode !== undefined ? { subcode } : {}), message: `(#100) ${message}` }),
  cursorOverrun: () =>
    new GraphError({ code: 100, message: "(#100) The After Cursor specified exceeds the max limit supported by this endpoint" }),
  messageTooOld: () =>
    new GraphError({
      code: 100,
      message: "(#100) This message has been deleted or is no longer available. Only the 20 most recent messages of a conversation can be retrieved.",
    }),
  noMatchingUser: () => new GraphError({ code: 100, subcode: 2018001, message: "(#100) No matching user found" }),
  noMatchingIgUser: () =>
    new GraphError({ code: 100, subcode: 2534014, message: "(#100) No matching Instagram user" }),
  mustSendMessageOrState: () => new GraphError({ code: 100, message: "(#100) Must send either message or state" }),
  retiredTag: (tag: string) =>
    new GraphError({
      code: 100,
      message: `(#100) The message tag ${tag} has been deprecated and is no longer supported. Use utility templates or Marketing Messages instead.`,
    }),
  attachmentFetchFailed: () =>
    new GraphError({ code: 100, subcode: 2018008, message: "(#100) Failed to fetch the file from the url" }),
  attachmentIdInvalid: () =>
    new GraphError({ code: 100, subcode: 2018047, message: "(#100) Upload attachment failure. The attachment_id is invalid." }),

  // ── private replies (codes: README "Choices for unverified points") ────────
  invalidCommentId: () => new GraphError({ code: 100, subcode: 2018292, message: "(#100) Invalid comment_id parameter" }),
  invalidPostId: () => new GraphError({ code: 100, subcode: 2018292, message: "(#100) Invalid post_id parameter" }),
  alreadyRepliedTo: () => new GraphError({ code: 10900, message: "(#10900) Activity already replied to", status: 400 }),
  notReplyableActivity: () => new GraphError({ code: 10902, message: "(#10902) This is not a Replyable activity", status: 400 }),
  activityCannotBeRepliedTo: () => new GraphError({ code: 10903, message: "(#10903) This activity can't be replied to", status: 400 }),
  privateReplyRateLimit: () => new GraphError({ code: 613, message: "(#613) Calls to this api have exceeded the rate limit. [private replies: 750 per hour per Page]" }),

  // ── permissions and windows (10, 200) ─────────────────────────────────────
  outsideWindowMessenger: () =>
    new GraphError({
      code: 10,
      subcode: 2018278,
      message:
        "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
    }),
  outsideWindowInstagram: () =>
    new GraphError({ code: 10, subcode: 2534022, message: "This message is sent outside of allowed window." }),
  humanAgentNotApproved: () =>
    new GraphError({
      code: 10,
      message:
        "(#10) The HUMAN_AGENT tag can only be used by apps that have been granted the Human Agent feature for this Page. [simulator: exact Meta answer unverified]",
    }),
  newsPermissionRequired: () =>
    new GraphError({
      code: 10,
      subcode: 2018065,
      message: "(#10) This message is sent outside of allowed window. You need page_messaging_subscriptions permission to be able to do it.",
    }),
  noPermission: (what: string) => new GraphError({ code: 10, message: `(#10) ${what}` }),
  missingPermission: (perm: string) =>
    new GraphError({ code: 200, message: `(#200) Requires ${perm} permission to manage the object` }),
  phoneMatchingNotAllowed: () =>
    new GraphError({
      code: 200,
      subcode: 2018027,
      message:
        "(#200) Cannot message users who are not admins, developers or testers of the app until pages_messaging_phone_number permission is reviewed and the app is live.",
    }),

  // ── throttling ────────────────────────────────────────────────────────────
  conversationsRateLimit: () =>
    new GraphError({ code: 613, message: "(#613) Calls to this api have exceeded the rate limit." }),
  messengerRateLimit: () =>
    new GraphError({
      code: 80006,
      message: `(#80006) There have been too many messenger api calls to this Page account. Wait a bit and try again. ${RATE_DOC}`,
    }),
  instagramRateLimit: () =>
    new GraphError({
      code: 80002,
      message: `(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. ${RATE_DOC}`,
    }),
  pagesRateLimit: () =>
    new GraphError({
      code: 80001,
      message: `(#80001) There have been too many calls to this Page account. Wait a bit and try again. ${RATE_DOC}`,
    }),

  // ── server side (1, 2) ────────────────────────────────────────────────────
  unknownError: (subcode?: number) =>
    new GraphError({
      code: 1,
      ...(subcode !== undefined ? { subcode } : {}),
      message: "An unknown error has occurred.",
      isTransient: true,
    }),
  serviceUnavailable: () =>
    new GraphError({ code: 2, message: "An unexpected error has occurred. Please retry your request later.", isTransient: true }),

  // ── batch ─────────────────────────────────────────────────────────────────
  batchTooLarge: (max: number) =>
    new GraphError({ code: 100, message: `(#100) Too many requests in batch message. Maximum batch size is ${max}` }),

  // ── OAuth code exchange ───────────────────────────────────────────────────
  invalidClientId: () => new GraphError({ code: 101, message: "Error validating application. Invalid application ID." }),
  invalidClientSecret: () => new GraphError({ code: 1, message: "Error validating client secret.", status: 400 }),
  codeRedirectMismatch: () =>
    new GraphError({
      code: 100,
      subcode: 36008,
      message:
        "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
    }),
  codeUsed: () => new GraphError({ code: 100, subcode: 36009, message: "This authorization code has been used." }),
  codeExpired: () => new GraphError({ code: 100, subcode: 36007, message: "This authorization code has expired." }),
  codeInvalid: () => new GraphError({ code: 100, message: "Invalid verification code format." }),
} as const;

/** Meta's "Sunday, 08-Nov-26 09:00:00 PST" style date in token errors (we use UTC). */
function metaDate(ms: number): string {
  const d = new Date(ms);
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())}-${months[d.getUTCMonth()]}-${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}
