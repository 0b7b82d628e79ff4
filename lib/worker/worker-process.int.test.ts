// The worker process of `npm run worker`: with no background work in the web process (WORKER_ENABLED=false),
// a webhook the web side acknowledged is processed by the worker process, and a worker asked to stop
// (SIGTERM: a deploy) stops cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { createAccount } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";

const ROOT = path.join(import.meta.dirname, "../..");
let worker: ChildProcess | null = null;

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));
afterAll(() => {
  worker?.kill("SIGKILL");
});

describe("worker process", () => {
  it("processes what the web side acknowledged, and stops on SIGTERM", async () => {
    const account = await createAccount();
    const channel = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: "100000000000091", pageMetaId: "100000000000091", name: "P" } });
    worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/worker/worker-process.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => worker!.once("exit", (code) => resolve(code)));

    // The web side: verify, store, answer — nothing processes in this process.
    const body = `{"object":"page","entry":[{"id":"${channel.metaId}","time":1800000000000,"messaging":[{"sender":{"id":"4242"},"recipient":{"id":"${channel.metaId}"},"timestamp":1800000000000,"message":{"mid":"m_worker","text":"for the worker"}}]}]}`;
    const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
    expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), signature)).status).toBe(200);

    await expect.poll(() => db.message.count({ where: { mid: "m_worker", channelId: channel.id } }), { timeout: 30_000, interval: 100 }).toBe(1);
    expect(await db.webhookEvent.count({ where: { status: "RECEIVED" } })).toBe(0);
    // Its periodic jobs were scheduled by the worker, not by this process.
    expect(await db.job.count({ where: { queue: "jobs.prune" } })).toBe(1);

    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    worker = null;
  }, 60_000);
});
