// The Page-level edges besides conversations and messages: the user's Pages, webhook subscriptions and
// attachment uploads.

import { Errors } from "../errors";
import { SUBSCRIBABLE_FIELDS, type ChannelRef } from "../simulator";
import type { PageRec } from "../world";
import { encodeCursor, keysetPage, type GraphContext } from "./context";
import { renderPage } from "./render";
import { createUpload } from "./send";

/** `GET /me/accounts`: the Pages granted to a user token, each with its Page token. */
export function accounts(ctx: GraphContext): Record<string, unknown> {
  const sim = ctx.sim;
  const token = ctx.authenticate();
  // Without pages_show_list Meta lists no Pages.
  const pages = token.scopes.includes("pages_show_list") ? [...sim.world.pages.values()].filter((p) => !p.hidden && (token.grantedPageIds === null || token.grantedPageIds.includes(p.id))) : [];
  const fields = ctx.fields() ?? ["access_token", "category", "category_list", "name", "id", "tasks"].map((name) => ({ name, modifiers: {} }));
  const limit = ctx.limitParam(25, 100);
  const slice = keysetPage(pages, limit, ctx.str("after"), ctx.str("before"), (key, inclusive) => {
    const i = pages.findIndex((p) => p.id === key);
    return i < 0 ? pages.length : inclusive ? i : i + 1;
  }, null);
  const out: Record<string, unknown> = { data: slice.items.map((p) => renderPage(ctx, p, fields, { withToken: true })) };
  if (slice.items.length > 0) {
    const first = slice.items[0] as PageRec;
    const last = slice.items[slice.items.length - 1] as PageRec;
    const paging: Record<string, unknown> = { cursors: { before: encodeCursor(first.id), after: encodeCursor(last.id) } };
    const carried = ctx.carriedParams();
    if (slice.hasNext) paging.next = ctx.link(`${token.userId}/accounts`, { ...carried, limit: String(limit), after: encodeCursor(last.id) });
    if (slice.hasPrevious) paging.previous = ctx.link(`${token.userId}/accounts`, { ...carried, limit: String(limit), before: encodeCursor(first.id) });
    out.paging = paging;
  }
  return out;
}

/** `GET|POST|DELETE /{page-id|ig-id}/subscribed_apps`: which webhook fields our app receives. */
export function subscribedApps(ctx: GraphContext, ch: ChannelRef, current: string[], set: (fields: string[]) => void): unknown {
  const sim = ctx.sim;
  const method = ctx.req.method.toUpperCase();
  if (method === "GET") {
    if (current.length === 0) return { data: [] };
    return { data: [{ category: "Business", link: `https://www.facebook.com/apps/${sim.config.app.id}`, name: sim.config.app.name, id: sim.config.app.id, subscribed_fields: current }] };
  }
  if (method === "DELETE") {
    set([]);
    sim.touch();
    return { success: true };
  }
  if (method !== "POST") throw Errors.unsupportedRequest(method, ch.id);
  const raw = ctx.json("subscribed_fields");
  if (raw === undefined || raw === null || raw === "") throw Errors.paramRequired("subscribed_fields");
  const list = (Array.isArray(raw) ? raw.map(String) : String(raw).split(",")).map((s) => s.trim()).filter((s) => s !== "");
  if (list.length === 0) throw Errors.paramRequired("subscribed_fields");
  list.forEach((f, i) => {
    if (!(SUBSCRIBABLE_FIELDS as readonly string[]).includes(f)) {
      throw Errors.paramInvalid(`Param subscribed_fields[${i}] must be one of {${SUBSCRIBABLE_FIELDS.join(", ")}} - got "${f}"`);
    }
  });
  set([...new Set(list)]);
  sim.touch();
  if (sim.config.app.callbackUrl && sim.config.webhooks.verifyOnSubscribe) {
    void sim.webhooks.verify().then((r) => {
      if (r && !r.ok) sim.log(`webhook verification for ${ch.id} failed: ${r.error ?? "unknown"}`);
    });
  }
  return { success: true };
}

/** `POST /{page-id}/message_attachments`: a reusable attachment (by URL or multipart `filedata`). */
export function uploadAttachment(ctx: GraphContext, page: PageRec): Record<string, unknown> {
  const sim = ctx.sim;
  const platformParam = (ctx.str("platform") ?? "messenger").toLowerCase();
  const chId = platformParam === "instagram" ? page.igAccountId : page.id;
  if (!chId) throw Errors.paramInvalid("This Page has no linked Instagram account");
  const ch = sim.channelById(chId) as ChannelRef;
  const message = ctx.json("message");
  const att = typeof message === "object" && message !== null ? (message as Record<string, unknown>).attachment : undefined;
  if (typeof att !== "object" || att === null) throw Errors.paramRequired("message[attachment]");
  const a = att as Record<string, unknown>;
  const type = String(a.type ?? "").toLowerCase();
  if (!["image", "video", "audio", "file"].includes(type)) throw Errors.paramInvalid(`Param message[attachment][type] must be one of {image, video, audio, file} - got "${String(a.type)}"`);
  const payload = (typeof a.payload === "object" && a.payload !== null ? a.payload : {}) as Record<string, unknown>;
  const file = ctx.req.files.find((f) => f.field === "filedata");
  if (!file && typeof payload.url !== "string") throw Errors.paramInvalid("Provide message[attachment][payload][url] or a filedata upload");
  if (typeof payload.url === "string" && !/^https?:\/\//i.test(payload.url)) throw Errors.attachmentFetchFailed();
  const att0 = sim.newAttachment(type as "image", typeof payload.url === "string" ? { url: payload.url } : { name: file?.filename ?? "upload" });
  const upload = createUpload(ctx, ch, {
    type: type as "image",
    name: file?.filename || att0.name,
    mimeType: file?.contentType || att0.mimeType,
    size: file ? file.data.length : att0.size,
    ...(typeof payload.url === "string" ? { url: payload.url } : {}),
    ...(file ? { bytes: file.data } : {}),
  });
  return { attachment_id: upload.id };
}
