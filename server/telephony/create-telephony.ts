import type { Deps } from '../deps.js';
import { telephonyOff, type TelephonyService } from './service.js';

/** Chooses the telephony implementation from config: off, a real Asterisk over ARI, or the built-in simulator. */
export function createTelephony(deps: Deps): TelephonyService {
  switch (deps.config.telephony.mode) {
    case 'off':
      return telephonyOff;
    default:
      deps.log.warn('telephony mode not implemented yet; running with telephony off');
      return telephonyOff;
  }
}
