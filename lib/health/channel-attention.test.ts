import { describe, expect, it } from "vitest";
import { attentionSummary, channelAttention, DELIVERY_GAP_ATTENTION_HOURS, type ChannelState } from "./channel-attention";

const now = new Date("2026-12-06T12:00:00Z");
const healthy: ChannelState = { tokenStatus: "VALID", webhookStatus: "SUBSCRIBED", syncStatus: "IDLE", restrictedAt: null, lastDeliveryGapAt: null };

describe("channelAttention", () => {
  it("a healthy channel needs nothing", () => {
    expect(channelAttention(healthy, now)).toEqual([]);
    expect(channelAttention({ ...healthy, syncStatus: "BACKFILLING" }, now)).toEqual([]);
  });

  it("names each problem, most serious first", () => {
    expect(
      channelAttention({ tokenStatus: "NEEDS_RECONNECT", webhookStatus: "FAILED", syncStatus: "FAILED", restrictedAt: now, lastDeliveryGapAt: now }, now),
    ).toEqual(["needs_reconnect", "restricted", "webhooks_not_subscribed", "sync_failed", "delivery_gaps"]);
    expect(channelAttention({ ...healthy, tokenStatus: "MISCONFIGURED" }, now)).toEqual(["misconfigured"]);
    expect(channelAttention({ ...healthy, webhookStatus: "NOT_SUBSCRIBED" }, now)).toEqual(["webhooks_not_subscribed"]);
    expect(channelAttention({ ...healthy, restrictedAt: "2026-12-01T00:00:00Z" }, now)).toEqual(["restricted"]);
  });

  it("delivery gaps count for a day after the last one was found", () => {
    const edge = DELIVERY_GAP_ATTENTION_HOURS * 3_600_000;
    expect(channelAttention({ ...healthy, lastDeliveryGapAt: new Date(now.getTime() - edge + 1000) }, now)).toEqual(["delivery_gaps"]);
    expect(channelAttention({ ...healthy, lastDeliveryGapAt: new Date(now.getTime() - edge) }, now)).toEqual([]);
  });
});

describe("attentionSummary", () => {
  it("counts channels in words", () => {
    expect(attentionSummary(0)).toBe("All channels are healthy");
    expect(attentionSummary(1)).toBe("1 channel needs attention");
    expect(attentionSummary(2)).toBe("2 channels need attention");
  });
});
