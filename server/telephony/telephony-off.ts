/** TELEPHONY=off: Leadline without a phone system; placing a call answers 503 with the reason. */
import { TelephonyOffError } from '../errors.js';
import type { TelephonyService } from '../deps.js';

export const telephonyOff: TelephonyService = {
  status: () => ({ mode: 'off', state: 'off', reason: 'not_configured', detail: 'ARI_URL is not set' }),
  start: async () => {},
  assertCanPlaceCalls: () => {
    throw new TelephonyOffError();
  },
  clickToCall: async () => {
    throw new TelephonyOffError();
  },
  recordingFile: async () => null,
  hangUpLeg: async () => {
    throw new TelephonyOffError();
  },
  stop: async () => {},
};
