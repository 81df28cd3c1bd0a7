import { z } from 'zod';

const TWO_YEARS_MS = 2 * 366 * 24 * 3600_000;

/** A moment in the future, at most two years ahead, as an ISO date-time with a zone. */
export const FutureMoment = z.iso
  .datetime({ offset: true, error: 'an ISO date-time such as 2026-12-01T10:00:00Z' })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() > Date.now(), 'must be in the future')
  .refine((d) => d.getTime() <= Date.now() + TWO_YEARS_MS, 'at most two years ahead');

export const SetReminderSchema = z.object({
  at: FutureMoment,
  text: z.string().trim().min(1, 'say what to do').max(1000, 'at most 1000 characters'),
});

export const PatchReminderSchema = z
  .object({
    done: z.literal(true, { error: 'only done: true is accepted' }).optional(),
    at: FutureMoment.optional(),
  })
  .refine((p) => p.done !== undefined || p.at !== undefined, { message: 'send done: true, or a new moment as at', path: ['done'] });
