import { describe, expect, it } from "vitest";
import { limitBody } from "./limit-body";

const MB = 1024 * 1024;

/** A body of `totalBytes` produced lazily in 64 KB chunks, counting what the reader pulled. */
function endlessBody(totalBytes: number) {
  let produced = 0;
  const chunk = new Uint8Array(64 * 1024);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= totalBytes) return controller.close();
      produced += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, produced: () => produced };
}

describe("limitBody", () => {
  it("passes a body within the limit through unchanged", async () => {
    const limited = limitBody(new Response("hello").body, 5);
    expect(await new Response(limited.stream).text()).toBe("hello");
    expect(limited.exceeded()).toBe(false);
  });

  it("stops reading a 200 MB body soon after the limit, without buffering the rest", async () => {
    const body = endlessBody(200 * MB);
    const limited = limitBody(body.stream, 1 * MB);
    await expect(new Response(limited.stream).arrayBuffer()).rejects.toThrow();
    expect(limited.exceeded()).toBe(true);
    expect(body.produced()).toBeLessThan(2 * MB);
  });

  it("a missing body reads as empty", async () => {
    const limited = limitBody(null, 10);
    expect(await new Response(limited.stream).text()).toBe("");
  });
});
