import { describe, expect, it } from "vitest";
import { inboxPath, inboxViewApiParams, readInboxView } from "./inbox-view";

const CHANNEL = "0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77";

describe("inbox view in the URL", () => {
  it("round-trips folder, channel, platform and search", () => {
    const view = { folder: "expiring" as const, channelId: CHANNEL, platform: "INSTAGRAM" as const, q: "parcel", labelId: null };
    const url = new URL(inboxPath("c1", view), "http://x");
    expect(url.pathname).toBe("/inbox/c1");
    expect(url.search).toBe(`?folder=expiring&channel=${CHANNEL}&platform=instagram&q=parcel`);
    expect(readInboxView(url.searchParams)).toEqual(view);
  });

  it("falls back to defaults for anything it does not recognise", () => {
    expect(readInboxView(new URLSearchParams("folder=bogus&channel=1;DROP&platform=fax&q=a"))).toEqual({
      folder: "all",
      channelId: null,
      platform: null,
      q: null,
      labelId: null,
    });
  });

  it("names the API's parameters", () => {
    expect(inboxViewApiParams({ folder: "mine", channelId: CHANNEL, platform: "MESSENGER", q: null, labelId: null }).toString()).toBe(
      `folder=mine&channelId=${CHANNEL}&platform=MESSENGER`,
    );
  });
});
