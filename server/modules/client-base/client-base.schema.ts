import { z } from 'zod';
import { TABLE_FORMATS } from '../../lib/table-export.js';
import { optionalText } from '../../lib/validate.js';
import { CLIENT_TAGS } from '../../api-types.js';
import { SegmentQueryFields } from '../clients/client-segments.js';

const text = optionalText;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'field.real_date')
  .nullable()
  .optional();

/** The body of PATCH /api/clients/:id: the version last seen and the details to change. */
export const PatchClientSchema = z.object({
  version: z.number({ error: 'field.version_required' }).int().positive(),
  fullName: text(300),
  organization: text(300),
  phones: z.array(z.string().max(64)).max(10).optional(),
  emails: z.array(z.string().trim().toLowerCase().max(254).pipe(z.email())).max(10).optional(),
  address: text(500),
  birthday: day,
  firstOrderAt: day,
  lastOrderAt: day,
  needs: text(5000),
  tag: z.enum(CLIENT_TAGS, { error: 'field.unknown_segment' }).nullable().optional(),
});
export type ClientPatch = z.infer<typeof PatchClientSchema>;

/** GET /api/clients/export: `q` (words to find), `ownerId` (the client's manager), the file's format (CSV unless told). */
export const ClientExportQuery = z.object({
  q: z.string().trim().max(200).optional(),
  ownerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ...SegmentQueryFields,
  format: z.enum(TABLE_FORMATS).default('csv'),
});
export type ClientExportQuery = z.infer<typeof ClientExportQuery>;

/** GET /api/clients: the export's filters, the position after the previous page (`cursor`, opaque) and the page size. */
export const ListClientsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  ownerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ...SegmentQueryFields,
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListClientsQuery = z.infer<typeof ListClientsQuery>;

/** GET /api/clients/existing: a phone (any typing) and/or an e-mail about to be typed into a new lead. */
export const ExistingClientQuery = z.object({
  phone: z.string().trim().max(64).optional(),
  email: z.string().trim().toLowerCase().max(254).optional(),
});

/** POST /api/clients/:id/merge: the client merged into `:id` (and then removed). */
export const MergeClientsSchema = z.object({ otherClientId: z.number({ error: 'field.merge_other_client' }).int().positive().max(2_147_483_647) });
