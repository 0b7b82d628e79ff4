// Benchmarks: dataset generation (10k / 100k conversations) and Conversations API throughput (rate
// limits off). Usage: npx tsx meta-simulator/scripts/bench.ts [--sizes 10000,100000] [--seconds 5]
//                     [--concurrency 8]

import { parseArgs } from "node:util";
import { startSimulator } from "../index";
import { buildDataset } from "../src/datasets";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "8" },
    "skip-http": { type: "boolean", default: false },
  },
});

const sizes = String(values.sizes)
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);

console.log(`node ${process.version}`);
for (const n of sizes) {
  if (global.gc) global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const { world } = buildDataset({ name: "generic", seed: 1, sizes: { conversations: n } }, { anchor: Date.now(), appId: "1234567890123456" });
  const ms = performance.now() - started;
  let messages = 0;
  for (const c of world.conversations.values()) messages += c.messages.length;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(`dataset generic ${n.toLocaleString("en")} conversations, ${messages.toLocaleString("en")} messages: ${ms.toFixed(0)} ms (~${heapMb.toFixed(0)} MB heap)`);
}

if (!values["skip-http"]) {
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const sim = await startSimulator({
    dataset: "generic",
    sizes: { conversations: 5000 },
    config: { limits: { conversationsPerSecond: null, sendPerSecond: null, sendMediaPerSecond: null } },
  });
  const pageId = [...sim.sim.world.pages.keys()][0]!;
  const token = sim.pageToken(pageId);
  const scenarios: Array<[string, string]> = [
    ["fields=id (25 per page)", `${sim.url}/v24.0/${pageId}/conversations?platform=messenger&limit=25&fields=id,updated_time&access_token=${token}`],
    [
      "participants + messages.limit(20){…} (25 per page)",
      `${sim.url}/v24.0/${pageId}/conversations?platform=messenger&limit=25&fields=${encodeURIComponent("participants,updated_time,messages.limit(20){id,message,from,to,created_time}")}&access_token=${token}`,
    ],
  ];
  for (const [label, first] of scenarios) {
    let requests = 0;
    let bytes = 0;
    let errors = 0;
    const deadline = performance.now() + seconds * 1000;
    const worker = async () => {
      let url: string | undefined = first;
      while (performance.now() < deadline) {
        const res: Response = await fetch(url ?? first);
        const text: string = await res.text();
        requests++;
        bytes += text.length;
        if (res.status !== 200) errors++;
        url = (JSON.parse(text) as { paging?: { next?: string } }).paging?.next;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    console.log(`GET /{page}/conversations ${label}: ${(requests / elapsed).toFixed(0)} req/s, ${(bytes / requests / 1024).toFixed(1)} KiB/response, ${errors} errors (concurrency ${concurrency}, ${elapsed.toFixed(1)} s)`);
  }
  await sim.close();
}
