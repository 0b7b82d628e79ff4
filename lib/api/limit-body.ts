// Request bodies are read through a byte limit: a client that sends more than it may (with a lying or
// missing Content-Length, chunked) is cut off at the limit instead of being buffered whole. Web streams
// only, so it works on any Request.

export interface LimitedBody {
  stream: ReadableStream<Uint8Array>;
  /** True once the client sent more than the limit (the stream then errored and reading stopped). */
  exceeded(): boolean;
}

export function limitBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): LimitedBody {
  let received = 0;
  let over = false;
  const source = body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  const reader = source.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) {
        over = true;
        // Stop pulling from the client: nothing more is read into memory.
        void reader.cancel().catch(() => {});
        controller.error(new Error(`body over ${maxBytes} bytes`));
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { stream, exceeded: () => over };
}

/** The declared length when it is a number (it may still lie: read through limitBody anyway). */
export function declaredLength(request: Request): number | null {
  const value = request.headers.get("content-length");
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}
