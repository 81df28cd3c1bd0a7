import type { TelephonyStateEvent, UserDto } from '../../../server/api-types.ts';

export type * from '../../../server/api-types.ts';

/** GET /api/auth/me */
export type Me = Pick<UserDto, 'id' | 'name' | 'email' | 'role' | 'departmentId' | 'assistsUserId' | 'endpoint' | 'mobile' | 'presence'>;
export interface MeResponse {
  user: Me;
  telephony?: TelephonyStateEvent;
}

