import { z } from 'zod';
import { fieldError, ValidationError } from '../../errors.js';
import { isPlaceholderPhone, normalizePhone } from '../../lib/phone.js';
import { formText } from '../../lib/validate.js';
import type { SearchableClient } from './clients.repo.js';
import { text } from '../../i18n/text.js';

/**
 * The person's fields of a request that makes a lead (a website's form, a lead typed in by hand), to spread into
 * that request's zod object: `name`, `phone` (as typed), `email` (lower-cased, validated), `organization`.
 */
export const ClientDetailsFields = {
  name: formText(300),
  phone: formText(64),
  email: z.preprocess(
    (v) => (v === null ? undefined : typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.email().max(254).optional(),
  ),
  organization: formText(300),
};
export type ClientDetails = z.infer<z.ZodObject<typeof ClientDetailsFields>>;

/** The person a request is from (a site's form, a lead typed in by hand, a caller), as the request tells it. */
export interface IncomingClient extends SearchableClient {
  /** Already normalized: phones E.164, e-mails lower-cased. */
  phones: string[];
  emails: string[];
}

/**
 * Parsed person's fields → an IncomingClient, the phone in E.164 (read in `defaultCountry`, an ISO 3166 code such
 * as `RU`, when it has no country code); a placeholder number counts as none. Throws a ValidationError (400) naming `phone` and `email` when neither is
 * given, or `phone` when it is not a phone number.
 */
export function toIncomingClient(f: ClientDetails, defaultCountry: string): IncomingClient {
  // A placeholder (`0000000000`) is what a form sends when nobody gave a number: next to an e-mail, no number.
  if (f.phone && f.email && isPlaceholderPhone(f.phone)) f = { ...f, phone: undefined };
  if (!f.phone && !f.email) {
    const message = text('field.contact_required');
    throw new ValidationError(message, { phone: message, email: message });
  }
  let phone: string | null = null;
  if (f.phone) {
    phone = normalizePhone(f.phone, defaultCountry);
    if (!phone) throw fieldError('phone', text('field.phone_invalid'));
  }
  return { fullName: f.name ?? null, organization: f.organization ?? null, phones: phone ? [phone] : [], emails: f.email ? [f.email] : [] };
}
