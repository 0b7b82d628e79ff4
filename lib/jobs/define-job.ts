// Typed job definitions: a queue's name, the schema of its payload and its handler, declared together (the
// shape of documenso's packages/lib/jobs/definitions). The worker (lib/worker/) lists the definitions; the
// code that enqueues names the queue and builds the payload type the schema checks — so a handler never reads
// `String(job.payload.x)`, and a payload that does not match fails at once instead of being retried.
import type { z } from "zod";
import { PermanentJobError, type JobContext, type JobHandler } from "./job-worker";

export interface JobDefinition<Payload> {
  /** The queue, `<domain>.<verb>`. Stored in the jobs table: never renamed. */
  name: string;
  payload: z.ZodType<Payload>;
  /** Idempotent: a job can run again after a crash. */
  handler: (context: JobContext<Payload>) => Promise<void>;
}

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** The job worker's handler table for these definitions: each payload is checked before its handler runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions of different payloads side by side
export function jobHandlers(definitions: readonly JobDefinition<any>[]): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const definition of definitions) {
    if (handlers[definition.name]) throw new Error(`job "${definition.name}" is defined twice`);
    handlers[definition.name] = async (context) => {
      const parsed = definition.payload.safeParse(context.job.payload);
      if (!parsed.success) throw new PermanentJobError(`payload of ${definition.name} does not match its definition: ${parsed.error.message}`);
      await definition.handler({ ...context, payload: parsed.data });
    };
  }
  return handlers;
}
