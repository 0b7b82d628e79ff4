// Datasets: determinism, the spread of "time since the person's last message" incl. exact boundaries,
// the demo content, and generation speed (printed).

import { describe, expect, it } from "vitest";
import { buildDataset } from "../src/datasets";
import { DAY, MINUTE } from "../src/clock";
import type { World } from "../src/world";
import { APP_ID, T0 } from "./helpers";

const ctx = { anchor: T0, appId: APP_ID };

function fingerprint(w: World): string {
  const convs = [...w.conversations.values()].map((c) => [c.id, c.contactId, c.lastOpenerAt, c.messages.map((m) => [m.id, m.createdTime, m.text, m.fromPage])]);
  return JSON.stringify([[...w.pages.keys()], [...w.igAccounts.keys()], convs]);
}

function ages(w: World, channelId?: string): number[] {
  return [...w.conversations.values()].filter((c) => !channelId || c.channelId === channelId).map((c) => T0 - (c.lastOpenerAt as number));
}

describe("generic dataset", () => {
  it("is deterministic for a seed and anchor, and differs for another seed", () => {
    const sizes = { conversations: 300, pages: 2, instagramAccounts: 1 };
    const a = buildDataset({ name: "generic", seed: 7, sizes }, ctx);
    const b = buildDataset({ name: "generic", seed: 7, sizes }, ctx);
    const c = buildDataset({ name: "generic", seed: 8, sizes }, ctx);
    expect(fingerprint(a.world)).toBe(fingerprint(b.world));
    expect(a.userToken).toBe(b.userToken);
    expect(fingerprint(a.world)).not.toBe(fingerprint(c.world));
  });

  it("spreads conversations over the window buckets and hits every boundary on every channel", () => {
    const { world } = buildDataset({ name: "generic", seed: 3, sizes: { conversations: 600, pages: 2, instagramAccounts: 1 } }, ctx);
    expect(world.conversations.size).toBe(600);
    expect(world.pages.size).toBe(2);
    expect(world.igAccounts.size).toBe(1);
    const channels = [...world.pages.keys(), ...world.igAccounts.keys()];
    for (const ch of channels) {
      const a = ages(world, ch);
      expect(a.length).toBe(200);
      for (const boundary of [DAY - MINUTE, DAY, DAY + MINUTE, 7 * DAY - MINUTE, 7 * DAY, 7 * DAY + MINUTE]) expect(a).toContain(boundary);
      const inside = a.filter((x) => x < DAY).length;
      const between = a.filter((x) => x >= DAY && x < 7 * DAY).length;
      const older = a.filter((x) => x >= 7 * DAY).length;
      expect(inside).toBeGreaterThan(30);
      expect(between).toBeGreaterThan(30);
      expect(older).toBeGreaterThan(30);
    }
    // some conversations have more than the 20 messages Meta details; every message lies in the past
    const counts = [...world.conversations.values()].map((c) => c.messages.length);
    expect(Math.max(...counts)).toBeGreaterThan(20);
    for (const c of world.conversations.values()) {
      for (const m of c.messages) expect(m.createdTime).toBeLessThanOrEqual(T0);
      expect(c.updatedTime).toBe(c.messages[c.messages.length - 1]?.createdTime);
    }
  });

  it("generates 10,000 conversations (timing printed)", () => {
    const started = performance.now();
    const { world } = buildDataset({ name: "generic", seed: 1, sizes: { conversations: 10_000 } }, ctx);
    const ms = performance.now() - started;
    const messages = [...world.conversations.values()].reduce((n, c) => n + c.messages.length, 0);
    console.log(`[dataset] generic 10,000 conversations / ${messages} messages generated in ${ms.toFixed(0)} ms`);
    // Timing is printed, not asserted: this machine is shared and noisy.
    expect(world.conversations.size).toBe(10_000);
  });
});

describe("demo dataset", () => {
  const { world } = buildDataset({ name: "demo" }, ctx);

  it("has two Messenger Pages (one without Human Agent) and one linked Instagram account", () => {
    const pages = [...world.pages.values()];
    expect(pages.map((p) => p.name)).toEqual(["Maison Lumière", "Velo Rapido Bikes"]);
    expect(pages.map((p) => p.humanAgent)).toEqual([true, false]);
    const ig = [...world.igAccounts.values()];
    expect(ig).toHaveLength(1);
    expect(ig[0]?.pageId).toBe(pages[0]?.id);
    expect(pages[0]?.igAccountId).toBe(ig[0]?.id);
  });

  it("has ~40 conversations over all age buckets including the exact boundaries", () => {
    expect(world.conversations.size).toBeGreaterThanOrEqual(38);
    expect(world.conversations.size).toBeLessThanOrEqual(45);
    const a = ages(world);
    for (const boundary of [DAY - MINUTE, DAY, DAY + MINUTE, 7 * DAY - MINUTE, 7 * DAY, 7 * DAY + MINUTE]) expect(a).toContain(boundary);
    expect(a.filter((x) => x < DAY).length).toBeGreaterThan(8);
    expect(a.filter((x) => x > 7 * DAY + MINUTE).length).toBeGreaterThan(2);
    // the classic "25 hours ago" conversation exists on both kinds of Page
    for (const p of world.pages.values()) expect(ages(world, p.id)).toContain(25 * 60 * MINUTE);
  });

  it("uses human names and support texts in several languages with non-ASCII and emoji", () => {
    const texts = [...world.messages.values()].map((m) => m.text ?? "").join("\n");
    const names = [...world.contacts.values()].map((c) => `${c.firstName} ${c.lastName}`).join("\n");
    expect(texts).toMatch(/é/);
    expect(texts).toMatch(/ü/);
    expect(texts).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese
    expect(texts).toMatch(/\p{Extended_Pictographic}/u);
    expect(texts).toMatch(/refund|Rückerstattung|reembolso/i);
    expect(names).toMatch(/Zoé|Jürgen|佐藤/);
    const attachmentTypes = new Set([...world.messages.values()].flatMap((m) => m.attachments.map((a) => a.type)));
    expect([...attachmentTypes].sort()).toEqual(expect.arrayContaining(["audio", "file", "image", "video"]));
  });

  it("contains a conversation longer than 20 messages and messages from our app and from Business Suite", () => {
    expect(Math.max(...[...world.conversations.values()].map((c) => c.messages.length))).toBeGreaterThan(20);
    const appIds = new Set([...world.messages.values()].filter((m) => m.fromPage).map((m) => m.appId));
    expect(appIds).toEqual(new Set([APP_ID, "263902037430900"]));
  });

  it("is identical for the same anchor", () => {
    expect(fingerprint(buildDataset({ name: "demo" }, ctx).world)).toBe(fingerprint(world));
  });
});
