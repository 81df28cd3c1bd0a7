import crypto from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Deps } from '../deps.js';
import { releaseLease, takeLease } from './lease.js';

/**
 * A background job: a schedule plus a handler. Each run holds the job's lease in the database (lease.ts), so with
 * several Leadline instances only one runs it at a time; handlers still claim each piece of work atomically (a
 * reminder fires once, an alarm once), so a restart or an expired lease never does a thing twice.
 */
export interface JobDefinition {
  name: string;
  /** node-cron expression, with seconds. */
  schedule: string;
  /** How long one run may hold the lease before another instance may take it (ms). Default one minute. */
  leaseMs?: number;
  /** One run at `now` (tests pass their own clock). */
  run(deps: Deps, now: Date): Promise<void>;
}

const DEFAULT_LEASE_MS = 60_000;

/** This process, as job leases name it. */
export const INSTANCE_ID = crypto.randomUUID();

/**
 * Runs a job once if its lease can be taken (false when another instance holds it). The lease is given back when
 * the run ends, so the next tick may run anywhere.
 */
export async function runLeased(deps: Deps, job: JobDefinition, now: Date = new Date(), holder: string = INSTANCE_ID): Promise<boolean> {
  if (!(await takeLease(deps.db, job.name, holder, job.leaseMs ?? DEFAULT_LEASE_MS, now))) return false;
  try {
    await job.run(deps, now);
  } finally {
    await releaseLease(deps.db, job.name, holder).catch((err: unknown) => deps.log.warn({ err, job: job.name }, 'job lease not released'));
  }
  return true;
}

export function startJobs(deps: Deps, jobs: JobDefinition[]): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const tasks: ScheduledTask[] = jobs.map((job) => {
    let busy = false;
    return cron.schedule(job.schedule, () => {
      if (busy) return; // a slow run is never overlapped by the next tick
      busy = true;
      const p = runLeased(deps, job)
        .then(() => undefined)
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
