import type { SiteDto, TelephonyStateEvent, UserDto } from '../../../server/api-types.ts';

export type * from '../../../server/api-types.ts';

/** GET /api/auth/me */
export type Me = Pick<UserDto, 'id' | 'name' | 'email' | 'role' | 'departmentId' | 'assistsUserId' | 'endpoint' | 'mobile' | 'presence'>;
export interface MeResponse {
  user: Me;
  telephony?: TelephonyStateEvent;
}

/** POST /api/sites */
export interface CreatedSite {
  id: number;
  key: string;
  site?: SiteDto;
  snippet?: { html: string; fetch: string };
}
