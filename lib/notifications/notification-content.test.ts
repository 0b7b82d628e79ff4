import { describe, expect, it } from "vitest";
import { ADMIN_NOTIFICATION_KINDS, notificationContent } from "./notification-content";

describe("notificationContent", () => {
  it("names the channel and its platform in every title", () => {
    for (const kind of ADMIN_NOTIFICATION_KINDS) {
      const { title, body } = notificationContent(kind, { channelName: "Velo Rapido", platform: "INSTAGRAM", found: 2 });
      expect(title).toContain("Velo Rapido (Instagram)");
      expect(body.length).toBeGreaterThan(40);
    }
  });

  it("quotes Meta's code, subcode and trace id when Meta's answer caused it", () => {
    const { body } = notificationContent("channel.restricted", { channelName: "P", platform: "MESSENGER", code: 10, subcode: 1893063, fbtraceId: "AbC" });
    expect(body).toContain("(Meta error 10/1893063, fbtrace_id AbC)");
    expect(notificationContent("channel.needs_reconnect", { channelName: "P", platform: "MESSENGER", code: 190, subcode: null }).body).toContain("(Meta error 190)");
    expect(notificationContent("channel.needs_reconnect", { channelName: "P", platform: "MESSENGER" }).body).not.toContain("Meta error");
  });

  it("counts the messages a reconciliation found, singular and plural", () => {
    expect(notificationContent("channel.delivery_gaps", { channelName: "P", platform: "MESSENGER", found: 1 }).title).toBe("P (Messenger): 1 message arrived without a webhook");
    expect(notificationContent("channel.delivery_gaps", { channelName: "P", platform: "MESSENGER", found: 3 }).title).toBe("P (Messenger): 3 messages arrived without a webhook");
  });

  it("says what each kind means for the admin", () => {
    expect(notificationContent("channel.needs_reconnect", { channelName: "P", platform: "MESSENGER" }).body).toMatch(/reconnects it under Channels/);
    expect(notificationContent("channel.restricted", { channelName: "P", platform: "MESSENGER" }).title).toMatch(/restricted by Meta/);
    expect(notificationContent("send.tag_bothersome", { channelName: "P", platform: "MESSENGER" }).body).toMatch(/bothersome/);
  });
});
