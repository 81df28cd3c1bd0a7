import { z } from 'zod';
import { optionalText } from '../../lib/validate.js';

const text = optionalText;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date')
  .nullable()
  .optional();

/** The body of PATCH /api/clients/:id: the version last seen and the details to change. */
export const PatchClientSchema = z.object({
  version: z.number({ error: 'the version you last saw is required' }).int().positive(),
  fullName: text(300),
  organization: text(300),
  phones: z.array(z.string().max(64), { error: 'a list of phone numbers' }).max(10, 'at most 10 phones').optional(),
  emails: z.array(z.string().trim().toLowerCase().max(254).pipe(z.email('not a valid e-mail address')), { error: 'a list of e-mails' }).max(10, 'at most 10 e-mails').optional(),
  address: text(500),
  birthday: day,
  firstOrderAt: day,
  lastOrderAt: day,
  needs: text(5000),
});
export type ClientPatch = z.infer<typeof PatchClientSchema>;
