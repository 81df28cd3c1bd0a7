import type { MeDto } from '../../../server/api-types.ts';

export type * from '../../../server/api-types.ts';

/** The logged-in user (GET /api/auth/session). */
export type Me = MeDto;
