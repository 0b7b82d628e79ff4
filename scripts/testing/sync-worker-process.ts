// A job worker for the sync queues in a process of its own, so a test can kill it (SIGKILL) mid-backfill the
// way a crash would. Prints "ready" once it listens for jobs.
//   node --conditions=react-server --import tsx scripts/testing/sync-worker-process.ts <leaseMs>
import { pool } from "@/lib/db";
import { JobWorker } from "@/lib/jobs/job-worker";
import { syncJobHandlers } from "@/lib/worker/job-definitions";

const worker = new JobWorker({ pool, handlers: syncJobHandlers, pollIntervalMs: 100, leaseMs: Number(process.argv[2] ?? 2_000) });
await worker.start();
process.stdout.write("ready\n");
