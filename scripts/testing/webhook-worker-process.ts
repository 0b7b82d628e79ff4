// A webhook processor in a process of its own (its own pool: another "app instance" on the same database),
// for tests of concurrent processing. Prints "ready", waits for "go" on stdin, processes batches of
// <maxItems> until the queue stays empty, prints {"events": n} and exits.
//   node --conditions=react-server --import tsx scripts/testing/webhook-worker-process.ts <maxItems>
import { createInterface } from "node:readline";
import { disconnectDb } from "@/lib/db";
import { processWebhookBatch } from "@/lib/webhooks/process-webhook-events";

const maxItems = Number(process.argv[2] ?? 5);
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
for await (const line of lines) if (line.trim() === "go") break;
let events = 0;
let idle = 0;
while (idle < 10) {
  const batch = await processWebhookBatch({ maxItems });
  if (batch.events === 0) {
    idle++;
    await new Promise((r) => setTimeout(r, 50));
  } else {
    idle = 0;
    events += batch.events;
  }
}
process.stdout.write(`${JSON.stringify({ events })}\n`);
await disconnectDb();
process.exit(0);
