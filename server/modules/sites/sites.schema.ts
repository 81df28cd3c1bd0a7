import { z } from 'zod';
import { LOCALES } from '../../api-types.js';

/** A website origin as browsers send it: scheme://host[:port], nothing after. Stored normalized. */
const Origin = z
  .string()
  .trim()
  .max(300)
  .transform((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'field.origin' });
      return z.NEVER;
    }
    const bare = s.replace(/\/$/, '');
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin.toLowerCase() !== bare.toLowerCase()) {
      ctx.addIssue({ code: 'custom', message: 'field.origin' });
      return z.NEVER;
    }
    return url.origin;
  });

const Origins = z
  .array(Origin)
  .max(50)
  .transform((list) => [...new Set(list)]);

export const CreateSiteSchema = z.object({
  name: z.string().trim().min(1).max(200),
  departmentId: z.number().int().positive(),
  allowedOrigins: Origins.default([]),
  locale: z.enum(LOCALES).nullable().default(null),
});
export type CreateSiteInput = z.infer<typeof CreateSiteSchema>;

export const UpdateSiteSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  allowedOrigins: Origins.optional(),
  active: z.boolean().optional(),
  locale: z.enum(LOCALES).nullable().optional(),
});
export type UpdateSiteInput = z.infer<typeof UpdateSiteSchema>;
