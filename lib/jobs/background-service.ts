/** A long-running loop of a worker process besides the job worker (e.g. the webhook processor). */
export interface BackgroundService {
  name: string;
  start(): Promise<{ stop(): Promise<void> }>;
}
