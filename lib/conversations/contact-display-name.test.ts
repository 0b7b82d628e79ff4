import { describe, expect, it } from "vitest";
import { contactDisplayName } from "./conversation-view";

describe("contactDisplayName", () => {
  it("shows the name, else the @username, else a placeholder by platform — never a blank", () => {
    expect(contactDisplayName({ name: "Zoé Durand", username: "zoe" }, "INSTAGRAM")).toBe("Zoé Durand");
    expect(contactDisplayName({ name: "  ", username: "lea.martin" }, "INSTAGRAM")).toBe("@lea.martin");
    // A person first seen in a webhook, before the User Profile API answered (or when Meta gives no name).
    expect(contactDisplayName({ name: null, username: null }, "INSTAGRAM")).toBe("Instagram user");
    expect(contactDisplayName({ name: "", username: " " }, "MESSENGER")).toBe("Messenger user");
    expect(contactDisplayName({ name: null, username: null })).toBe("Unknown person");
  });
});
