import type { Deps } from '../deps.js';
import { AriTelephony } from './ari-telephony.js';
import type { TelephonyService } from '../deps.js';
import { telephonyOff } from './telephony-off.js';
import { SimulatedPbx } from './simulator/simulated-pbx.js';

/** Chooses the telephony implementation from config: off, a real Asterisk over ARI, or the built-in simulator. */
export function createTelephony(deps: Deps): TelephonyService {
  const t = deps.config.telephony;
  switch (t.mode) {
    case 'off':
      return telephonyOff;
    case 'ari':
      return new AriTelephony(deps, { mode: 'ari', server: () => ({ url: t.ari.url, username: t.ari.username, password: t.ari.password }) });
    case 'simulator': {
      const pbx = new SimulatedPbx(t.ari.app);
      return new AriTelephony(deps, {
        mode: 'simulator',
        server: () => ({ url: pbx.fake.url, username: pbx.username, password: pbx.password }),
        beforeStart: () => pbx.start(),
        afterStop: () => pbx.stop(),
        simulator: pbx,
      });
    }
  }
}
