import { describe, expect, it } from "vitest";
import { outboxMetadata, parseOutboxMetadata } from "./outbox-metadata";

describe("outbox metadata", () => {
  it("round-trips our message id and stays well under Meta's 1000-character limit", () => {
    const id = "0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77";
    expect(parseOutboxMetadata(outboxMetadata(id))).toBe(id);
    expect(outboxMetadata(id).length).toBeLessThan(100);
  });

  it("reads an id Meta echoed in upper case as ours, in Postgres' lower case; the prefix is exact", () => {
    expect(outboxMetadata("0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77")).toBe("inbox:v1:0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77");
    expect(parseOutboxMetadata("inbox:v1:0B6C8A8E-5A43-4C1E-9D6E-2F1F3B1C9A77")).toBe("0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77");
    expect(parseOutboxMetadata("INBOX:V1:0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77")).toBeNull();
    expect(parseOutboxMetadata("inbox:v1:0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77 ")).toBeNull();
  });

  it.each([undefined, null, 42, "", "inbox:v1:", "inbox:v1:not-a-uuid", "other-app:0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77", "DEVELOPER_DEFINED_METADATA"])(
    "ignores %s",
    (value) => {
      expect(parseOutboxMetadata(value)).toBeNull();
    },
  );
});
