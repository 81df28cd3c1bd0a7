import cron, { type ScheduledTask } from 'node-cron';
import type { Deps } from '../deps.js';

/** A background job: a schedule plus a handler. Handlers must be idempotent (they may run on several instances). */
export interface JobDefinition {
  name: string;
  /** node-cron expression, with seconds. */
  schedule: string;
  run(deps: Deps): Promise<void>;
}

export function startJobs(deps: Deps, jobs: JobDefinition[]): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const tasks: ScheduledTask[] = jobs.map((job) => {
    let busy = false;
    return cron.schedule(job.schedule, () => {
      if (busy) return; // a slow run is never overlapped by the next tick
      busy = true;
      const p = job
        .run(deps)
        .catch((err: unknown) => deps.log.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    });
  });
  return {
    async stop() {
      for (const t of tasks) await t.stop();
      await Promise.all(running);
    },
  };
}
