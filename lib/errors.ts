// One error type for everything the app refuses on purpose, and one function that turns any error into
// an HTTP response. Unexpected errors are logged with their detail and answered with a generic 500: no
// stack, SQL or Meta token ever reaches a client.
import { ZodError } from "zod";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "./error-codes";
import { logger } from "./logger";

export type { ErrorBody, ErrorCode };

export class AppError extends Error {
  override name = "AppError";
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Safe to show the client: field errors, the policy decision, Meta's fbtrace_id… */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  static unauthenticated(message = "Sign in to continue.") {
    return new AppError("unauthenticated", message);
  }
  static forbidden(message = "You do not have access to this.") {
    return new AppError("forbidden", message);
  }
  static notFound(what = "This item") {
    return new AppError("not_found", `${what} was not found.`);
  }
  static invalid(message: string, details?: Record<string, unknown>) {
    return new AppError("invalid_request", message, details);
  }
  static conflict(message: string, details?: Record<string, unknown>) {
    return new AppError("conflict", message, details);
  }
}

/** Field → messages, from a zod error (what forms show next to each input). */
export function fieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function toErrorResponse(error: unknown, context: { route?: string } = {}): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
    return Response.json(body, { status: error.status });
  }
  if (error instanceof ZodError) {
    const body: ErrorBody = {
      error: { code: "invalid_request", message: "The request is not valid.", details: { fields: fieldErrors(error) } },
    };
    return Response.json(body, { status: 400 });
  }
  logger.error("unhandled error", { route: context.route, error });
  const body: ErrorBody = { error: { code: "internal", message: "Something went wrong on our side. Please try again." } };
  return Response.json(body, { status: 500 });
}
