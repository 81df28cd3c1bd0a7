import type { Locale, PersonDto } from '../api-types.js';

/** Who is asking: what every policy decision needs, loaded once per request or socket (http/sessions.ts). */
export type SessionUser = Pick<PersonDto, 'id' | 'name' | 'email' | 'role' | 'departmentId' | 'assistsUserId'> & {
  /** Their own choice of language; null: the install's default. */
  locale: Locale | null;
};
