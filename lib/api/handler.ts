import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toErrorResponse } from "@/lib/errors";
import type { AgentRole } from "@/lib/generated/prisma/client";
import { requireAgent, type SessionAgent } from "@/lib/auth/session";

type RouteContext<P> = { params: Promise<P> };

export interface AgentContext<P> {
  agent: SessionAgent;
  params: P;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from our own pages: browsers always send Origin on cross-site
 * POST/PATCH/DELETE, and a JSON body cannot be sent cross-site without a CORS preflight we never answer.
 */
function assertSameOrigin(request: NextRequest) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin && origin !== request.nextUrl.origin && new URL(origin).host !== request.headers.get("host")) {
    throw AppError.forbidden("Cross-site requests are not allowed.");
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
      const agent = await requireAgent(options.roles);
      return await handler(request, { agent, params: await context.params });
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

/** Reads a JSON body and validates it; malformed JSON and schema failures are 400s. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw AppError.invalid("Send the body as application/json.");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw AppError.invalid("The body is not valid JSON.");
  }
  return schema.parse(body);
}

/** Validates query parameters against a schema (400 on failure). */
export function readQuery<S extends z.ZodType>(request: NextRequest, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(request.nextUrl.searchParams));
}
