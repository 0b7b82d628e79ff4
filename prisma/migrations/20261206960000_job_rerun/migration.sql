-- A singleton job asked for again while it runs is queued again when it finishes (lib/jobs/enqueue-job.ts
-- `rerunIfRunning`): new contacts that arrived after a running profile lookup's last look were left nameless.
ALTER TABLE "jobs" ADD COLUMN "rerun_requested" BOOLEAN NOT NULL DEFAULT false;
