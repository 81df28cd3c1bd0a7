import { z } from 'zod';

/**
 * The body of POST /api/views: a name and the lead list's query string as the web app keeps it in its address
 * (filters and order; the open card and the page are not part of a view).
 */
export const SaveViewSchema = z.object({
  name: z.string().trim().min(1).max(80),
  query: z
    .string()
    .max(2000)
    .transform((q) => {
      const params = new URLSearchParams(q.replace(/^\?/, ''));
      params.delete('lead');
      params.delete('cursor');
      return params.toString();
    }),
});
export type SaveView = z.infer<typeof SaveViewSchema>;
