import { describe, expect, it } from "vitest";
import { outboxMetadata, parseOutboxMetadata } from "./outbox-metadata";

describe("outbox metadata", () => {
  it("round-trips our message id and stays well under Meta's 1000-character limit", () => {
    const id = "0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77";
    expect(parseOutboxMetadata(outboxMetadata(id))).toBe(id);
    expect(outboxMetadata(id).length).toBeLessThan(100);
  });

  it.each([undefined, null, 42, "", "inbox:v1:", "inbox:v1:not-a-uuid", "other-app:0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77", "DEVELOPER_DEFINED_METADATA"])(
    "ignores %s",
    (value) => {
      expect(parseOutboxMetadata(value)).toBeNull();
    },
  );
});
