import { describe, expect, it } from "vitest";
import type { GraphMessage } from "@/lib/meta/graph-types";
import { attachmentsFromGraph } from "./stored-attachment";

const message = (fields: Partial<GraphMessage>): GraphMessage => ({ id: "m_1", created_time: "2026-12-01T10:00:00+0000", ...fields }) as GraphMessage;

describe("attachmentsFromGraph", () => {
  it("a sticker Graph lists both as `sticker` and as an image of the same URL is one sticker", () => {
    const both = attachmentsFromGraph(message({ sticker: "https://cdn/s.png", attachments: { data: [{ id: "a1", mime_type: "image/png", image_data: { url: "https://cdn/s.png" } }] } } as Partial<GraphMessage>));
    expect(both).toEqual([expect.objectContaining({ type: "sticker", url: "https://cdn/s.png" })]);
    const alone = attachmentsFromGraph(message({ sticker: "https://cdn/s.png" }));
    expect(alone).toEqual([expect.objectContaining({ type: "sticker", url: "https://cdn/s.png" })]);
  });

  it("keeps what Meta holds storable: NUL removed from names, unusable URLs dropped", () => {
    const [file] = attachmentsFromGraph(message({ attachments: { data: [{ id: "a1", mime_type: "application/pdf", name: "Rech\u0000nung.pdf", file_url: `https://cdn/${"x".repeat(10_000)}` }] } } as Partial<GraphMessage>))!;
    expect(file).toMatchObject({ type: "file", name: "Rechnung.pdf", url: null, mimeType: "application/pdf" });
    expect(attachmentsFromGraph(message({}))).toBeNull();
  });
});
