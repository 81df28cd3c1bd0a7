import type { MeDto, TelephonyStateEvent } from '../../../server/api-types.ts';

export type * from '../../../server/api-types.ts';

/** GET /api/auth/me */
export type Me = MeDto;
export interface MeResponse {
  user: Me;
  telephony?: TelephonyStateEvent;
}

