import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { requireAgent, type SessionAgent } from "@/lib/auth/session";
import { AppError, toErrorResponse } from "@/lib/errors";
import type { AgentRole } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validations/uuid";
import { declaredLength, limitBody } from "./limit-body";
import { findNulCharacter, isCrossSiteWrite, isIdParam } from "./request-guards";

type RouteContext<P> = { params: Promise<P> };

export interface AgentContext<P> {
  agent: SessionAgent;
  params: P;
}

/** JSON bodies of our API are small (the longest is a 5,000-character note). */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

function assertSameOrigin(request: NextRequest) {
  const crossSite = isCrossSiteWrite({ method: request.method, origin: request.headers.get("origin"), ownOrigin: request.nextUrl.origin, host: request.headers.get("host") });
  if (crossSite) throw AppError.forbidden("Cross-site requests are not allowed.");
}

/** Every route parameter naming a record (`id`, `…Id`) must be one of our ids: anything else is a 404 for every route. */
function assertIdParams(params: unknown) {
  if (!params || typeof params !== "object") return;
  for (const [name, value] of Object.entries(params)) {
    if (isIdParam(name) && !isUuid(value)) throw AppError.notFound();
  }
}

/** Route handler for signed-in agents (optionally of some roles). Errors become JSON responses. */
export function withAgent<P = Record<string, never>>(
  handler: (request: NextRequest, context: AgentContext<P>) => Promise<Response>,
  options: { roles?: readonly AgentRole[] } = {},
) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const agent = await requireAgent(options.roles, request);
      const params = await context.params;
      assertIdParams(params);
      return await handler(request, { agent, params });
    } catch (error) {
      return toErrorResponse(error, { route: `${request.method} ${request.nextUrl.pathname}` });
    }
  };
}

/** Route handler without a session (health, webhooks, public files). Errors become JSON responses. */
export function withPublic<P = Record<string, never>>(
  handler: (request: NextRequest, context: { params: P }) => Promise<Response>,
) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(request, { params: await context.params });
    } catch (error) {
      return toErrorResponse(error, { route: `${request.method} ${request.nextUrl.pathname}` });
    }
  };
}

function refuseNul(value: unknown) {
  const path = findNulCharacter(value);
  if (path === null) return;
  const message = "The text contains a NUL character (\\u0000), which can't be stored or sent. Remove it and try again.";
  throw AppError.invalid(message, { fields: { [path]: [message] } });
}

/**
 * Reads a JSON body (at most MAX_JSON_BODY_BYTES, read no further) and validates it: malformed JSON, a NUL
 * character anywhere and schema failures are 400s, a larger body a 413.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) throw AppError.invalid("Send the body as application/json.");
  const tooLarge = () => new AppError("payload_too_large", `The body can be at most ${MAX_JSON_BODY_BYTES / 1024} KB.`);
  if ((declaredLength(request) ?? 0) > MAX_JSON_BODY_BYTES) throw tooLarge();
  const body = limitBody(request.body, MAX_JSON_BODY_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await new Response(body.stream).text());
  } catch {
    if (body.exceeded()) throw tooLarge();
    throw AppError.invalid("The body is not valid JSON.");
  }
  refuseNul(parsed);
  return schema.parse(parsed);
}

/** Validates query parameters against a schema (400 on failure, NUL characters included). */
export function readQuery<S extends z.ZodType>(request: NextRequest, schema: S): z.infer<S> {
  const query = Object.fromEntries(request.nextUrl.searchParams);
  refuseNul(query);
  return schema.parse(query);
}
