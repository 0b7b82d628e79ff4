// A worker process: the job worker, the webhook processor and the sync scheduler, without Next. Started by
// `npm run worker` (scripts/run.ts), next to web instances that run with WORKER_ENABLED=false — the way to
// scale out on one Postgres: web instances answer browsers and Meta, worker processes do the rest, and any
// number of either share the work through Postgres row locks.
//
//   node --conditions=react-server --import tsx lib/worker/worker-process.ts      (configuration from the environment)
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { startBackgroundWork } from "./background";

env(); // the same validation as the app: a missing variable stops here, named
await startBackgroundWork();
logger.info("worker process ready", { pid: process.pid });
