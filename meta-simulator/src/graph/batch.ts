// Batch requests (REFERENCE §7): ≤ 50 items run in order, each counted as a call, answered as an array of
// `{code, headers, body}` with `body` a JSON string; a timed-out item is `null`. No JSONPath dependencies.

import { Errors } from "../errors";
import { metaStringify } from "../meta-json";
import type { GraphContext, GraphRequest, GraphResponse } from "./context";
import { splitVersion } from "./version";

/** `POST /` with `batch=[…]`: each item is dispatched like a call of its own (`dispatch` = the Graph handler). */
export async function handleBatch(ctx: GraphContext, dispatch: (sim: GraphContext["sim"], req: GraphRequest) => Promise<GraphResponse>): Promise<unknown[]> {
  const sim = ctx.sim;
  ctx.authenticate();
  const raw = ctx.json("batch");
  if (raw === undefined || raw === null || raw === "") throw Errors.paramRequired("batch");
  if (!Array.isArray(raw)) throw Errors.paramInvalid("Param batch must be a JSON array");
  if (raw.length > sim.config.limits.maxBatchSize) throw Errors.batchTooLarge(sim.config.limits.maxBatchSize);
  const includeHeaders = (ctx.str("include_headers") ?? "true") !== "false";
  const topToken = ctx.tokenString as string;
  const results: unknown[] = [];
  for (const [i, item] of raw.entries()) {
    if (typeof item !== "object" || item === null) {
      throw Errors.paramInvalid(`Param batch[${i}] must be a JSON object`);
    }
    const it = item as Record<string, unknown>;
    const method = String(it.method ?? "GET").toUpperCase();
    const rel = String(it.relative_url ?? "");
    if (!rel) throw Errors.paramInvalid(`Param batch[${i}][relative_url] is required`);
    const url = new URL(rel.replace(/^\/+/, ""), "http://batch.invalid/");
    const { version, path } = splitVersion(url.pathname);
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const body: Record<string, string> = {};
    if (typeof it.body === "string" && it.body !== "") new URLSearchParams(it.body).forEach((v, k) => (body[k] = v));
    if (query.access_token === undefined && body.access_token === undefined) {
      query.access_token = topToken;
      // the batch's appsecret_proof covers items that use the top-level token
      const proof = ctx.str("appsecret_proof");
      if (proof !== undefined && query.appsecret_proof === undefined && body.appsecret_proof === undefined) query.appsecret_proof = proof;
    }
    if (path === "/") {
      results.push({ code: 400, ...(includeHeaders ? { headers: [{ name: "Content-Type", value: "text/javascript; charset=UTF-8" }] } : {}), body: metaStringify(Errors.paramInvalid("Batch requests cannot be nested").body(sim.fbtraceId())) });
      continue;
    }
    const res = await dispatch(sim, { method, path, version: version ?? ctx.req.version, query, body, headers: {}, via: "batch", files: [], ...(ctx.req.baseUrl ? { baseUrl: ctx.req.baseUrl } : {}) });
    if (res.hang) {
      results.push(null);
      continue;
    }
    const headers = [
      { name: "Content-Type", value: "text/javascript; charset=UTF-8" },
      ...Object.entries(res.headers)
        .filter(([k]) => k.startsWith("x-") && k !== "x-fb-rev")
        .map(([name, value]) => ({ name: name.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase()), value })),
      ...(res.headers["www-authenticate"] ? [{ name: "WWW-Authenticate", value: res.headers["www-authenticate"] }] : []),
    ];
    results.push({ code: res.status, ...(includeHeaders ? { headers } : {}), body: metaStringify(res.body) });
  }
  return results;
}
