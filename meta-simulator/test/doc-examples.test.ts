// Meta's own documented requests (../doc-examples.md: the Send API reference, the "Send messages" guide and
// the "Try it" walkthrough) replayed verbatim — only ids and tokens substituted — with the answers the
// documentation shows. Every request below is checked to appear in doc-examples.md exactly as written, and
// every numbered example of that file must have a case here: the simulator cannot drift from Meta's docs.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { HOUR } from "../src/clock";
import type { ConversationRec, PageRec } from "../src/world";
import { T0, startTestSim } from "./helpers";

// The doc wraps long code spans over indented lines; joined again they are the requests as Meta wrote them.
const DOC = readFileSync(join(import.meta.dirname, "..", "doc-examples.md"), "utf8").replace(/\n +/g, "");

let sim: RunningSimulator;
let page: PageRec;

beforeAll(async () => {
  sim = await startTestSim({ dataset: "demo" });
  page = [...sim.sim.world.pages.values()][0]!;
});
afterAll(() => sim.close());

interface Ids {
  pageId: string;
  psid?: string;
  conversationId?: string;
}

/** Substitutes Meta's placeholders — ids and tokens only — in a request copied from the doc. */
function substitute(text: string, ids: Ids): string {
  const pageToken = sim.pageToken(ids.pageId);
  const replacements: Array<[string, string]> = [
    ["{version}", "v24.0"],
    ["USER-ACCESS-TOKEN", sim.userToken],
    ["PAGE-ACCESS-TOKEN", pageToken],
    ["PAGE_ACCESS_TOKEN", pageToken],
    ["access_token=…", `access_token=${pageToken}`],
    ["CONVERSATION-ID", ids.conversationId ?? "CONVERSATION-ID"],
    ["PAGE-ID", ids.pageId],
    ["PAGE_ID", ids.pageId],
    ["PSID", ids.psid ?? "PSID"],
  ];
  return replacements.reduce((out, [placeholder, value]) => out.split(placeholder).join(value), text);
}

/** A request line from the doc (`GET /path?query`), sent as an HTTP client sends that URL. */
async function replay(requestLine: string, ids: Ids, body?: { form?: string; json?: string }) {
  expect(DOC).toContain(`\`${requestLine}\``);
  const line = substitute(requestLine, ids);
  const [method, target] = [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)];
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  if (body?.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    payload = substitute(body.form, ids); // as `curl -d` sends it: the characters as typed, not re-encoded
  } else if (body?.json !== undefined) {
    headers["content-type"] = "application/json";
    payload = substitute(body.json, ids);
  }
  const res = await fetch(`${sim.url}${target}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A person who wrote within the hour, in a thread of text messages Meta details (≤ 20). */
const fresh = (): ConversationRec =>
  sim.sim.world.sortedConversations(page.id).find((c) => T0 - (c.lastOpenerAt ?? 0) < HOUR && c.messages.length <= 20 && c.messages.every((m) => m.text !== null))!;
const olderThanADay = (): ConversationRec => sim.sim.world.sortedConversations(page.id).find((c) => c.lastOpenerAt !== null && T0 - c.lastOpenerAt > 2 * 24 * HOUR && T0 - c.lastOpenerAt < 6 * 24 * HOUR)!;
const sendAnswer = (psid: string) => ({ recipient_id: psid, message_id: expect.stringMatching(/^m_/) });

describe("doc-examples.md", () => {
  it("has exactly the seven examples replayed here", () => {
    expect(DOC.match(/^\d+\. `/gm)).toHaveLength(7);
  });
});

describe('"Try it" walkthrough (Messenger)', () => {
  let conversationId: string;
  let psid: string;

  it("1. GET /me/accounts with the user token lists the Page with its token and MESSAGING task", async () => {
    const r = await replay("GET /{version}/me/accounts?access_token=USER-ACCESS-TOKEN", { pageId: page.id });
    expect(r.status).toBe(200);
    const listed = (r.json.data as Array<Record<string, unknown>>).find((p) => p.id === page.id)!;
    expect(listed).toMatchObject({ access_token: expect.any(String), category: expect.any(String), category_list: expect.any(Array), name: page.name, id: page.id });
    expect(listed.tasks).toContain("MESSAGING");
    expect(Object.keys(listed)).toEqual(["access_token", "category", "category_list", "name", "id", "tasks"]);
  });

  it("2. GET /PAGE-ID/conversations?fields=participants — without platform — lists the Page's Messenger conversations", async () => {
    const r = await replay("GET /{version}/PAGE-ID/conversations?fields=participants&access_token=PAGE-ACCESS-TOKEN", { pageId: page.id });
    expect(r.status).toBe(200);
    const data = r.json.data as Array<{ id: string; participants: { data: Array<Record<string, unknown>> } }>;
    expect(data.length).toBeGreaterThan(0);
    for (const c of data) {
      expect(c.id).toMatch(/^t_/);
      const [person, pageParticipant] = c.participants.data;
      expect(person).toEqual({ name: expect.any(String), email: `${person!.id as string}@facebook.com`, id: expect.stringMatching(/^\d+$/) });
      expect(pageParticipant).toEqual({ name: page.name, email: `${page.id}@facebook.com`, id: page.id });
    }
    // The walkthrough continues with the conversation of the person who just wrote to the Page.
    const target = fresh();
    const listed = data.find((c) => c.id === target.id);
    expect(listed).toBeDefined();
    conversationId = listed!.id;
    psid = listed!.participants.data[0]!.id as string;
    expect(psid).toBe(target.contactId);
  });

  it("3. GET /CONVERSATION-ID?fields=messages{message} answers the messages' texts and ids", async () => {
    const r = await replay("GET /{version}/CONVERSATION-ID?fields=messages{message}&access_token=PAGE-ACCESS-TOKEN", { pageId: page.id, conversationId });
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(conversationId);
    const messages = (r.json.messages as { data: Array<Record<string, unknown>> }).data;
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toEqual({ message: expect.any(String), id: expect.stringMatching(/^m_/) });
  });

  it("4. POST /v14.0/PAGE-ID/messages?recipient={id:PSID}&message={text:'You did it!'} sends inside 24 h", async () => {
    const request = "POST /v14.0/PAGE-ID/messages?recipient={id:PSID}&message={text:'You did it!'}&messaging_type=RESPONSE&access_token=PAGE-ACCESS-TOKEN";
    const r = await replay(request, { pageId: page.id, psid });
    expect(r).toEqual({ status: 200, json: sendAnswer(psid) });
    const sent = sim.sim.world.messages.get(r.json.message_id as string)!;
    expect(sent).toMatchObject({ text: "You did it!", fromPage: true, conversationId });

    // … and outside 24 h Meta answers with the window error.
    const late = olderThanADay();
    const refused = await replay(request, { pageId: page.id, psid: late.contactId });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 10, error_subcode: 2018278 });
  });
});

describe("Send API reference", () => {
  it("5. a form body with single-quoted JSON objects sends", async () => {
    const c = fresh();
    const fields = ["recipient={'id':'PSID'}", "messaging_type=RESPONSE", "message={'text':'hello, world'}", "access_token=PAGE_ACCESS_TOKEN"];
    for (const field of fields) expect(DOC).toContain(`\`${field}\``);
    const r = await replay("POST /v24.0/PAGE_ID/messages", { pageId: page.id, psid: c.contactId }, { form: fields.join("&") });
    expect(r).toEqual({ status: 200, json: sendAnswer(c.contactId) });
    expect(sim.sim.world.messages.get(r.json.message_id as string)!.text).toBe("hello, world");
  });
});

describe('"Send messages" guide', () => {
  it("6. a JSON body with messaging_type RESPONSE sends", async () => {
    const c = fresh();
    const json = '{"recipient":{"id":PSID},"messaging_type":"RESPONSE","message":{"text":"Hello, world!"}}';
    expect(DOC).toContain(`\`${json}\``);
    const r = await replay("POST /v21.0/PAGE-ID/messages?access_token=…", { pageId: page.id, psid: c.contactId }, { json });
    expect(r).toEqual({ status: 200, json: sendAnswer(c.contactId) });
    expect(sim.sim.world.messages.get(r.json.message_id as string)!.text).toBe("Hello, world!");
  });

  it("7. an image by URL with is_reusable, without messaging_type, sends and answers an attachment_id", async () => {
    const c = fresh();
    const json = '{"recipient":{"id":PSID},"message":{"attachment":{"type":"image","payload":{"url":"http://www.messenger-rocks.com/image.jpg","is_reusable":true}}}}';
    expect(DOC).toContain(`\`${json}\``);
    const r = await replay("POST /v21.0/me/messages?access_token=PAGE_ACCESS_TOKEN", { pageId: page.id, psid: c.contactId }, { json });
    expect(r).toEqual({ status: 200, json: { ...sendAnswer(c.contactId), attachment_id: expect.stringMatching(/^\d+$/) } });
    const sent = sim.sim.world.messages.get(r.json.message_id as string)!;
    expect(sent.attachments).toMatchObject([{ type: "image", sourceUrl: "http://www.messenger-rocks.com/image.jpg" }]);
  });
});
