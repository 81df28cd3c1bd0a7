import { z } from 'zod';

const TWO_YEARS_MS = 2 * 366 * 24 * 3600_000;

/** A moment in the future, at most two years ahead, as an ISO date-time with a zone. */
export const FutureMoment = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() > Date.now(), 'field.future')
  .refine((d) => d.getTime() <= Date.now() + TWO_YEARS_MS, 'field.two_years')

export const SetReminderSchema = z.object({
  at: FutureMoment,
  text: z.string().trim().min(1).max(1000),
});

export const PatchReminderSchema = z
  .object({
    done: z.literal(true, { error: 'field.done_true' }).optional(),
    at: FutureMoment.optional(),
  })
  .refine((p) => p.done !== undefined || p.at !== undefined, { message: 'field.done_or_at', path: ['done'] });
