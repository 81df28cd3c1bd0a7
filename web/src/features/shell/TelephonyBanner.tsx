import { useTelephony } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';

/** Directors must know when calls bypass Leadline (the dialplan then rings the department directly). */
export function TelephonyBanner({ me }: { me: Me }) {
  const { data } = useTelephony();
  if (me.role !== 'director' || !data || data.mode === 'off' || data.state === 'connected') return null;
  const what = data.state === 'connecting' ? 'is connecting to Asterisk' : 'is disconnected from Asterisk';
  return (
    <div className="banner banner-warn" role="alert" data-testid="telephony-banner">
      <strong>Telephony {what}.</strong> Calls still reach the department through the dialplan fallback, without screen pop or routing to owners.
      {data.detail && <span className="muted"> ({data.detail})</span>}
    </div>
  );
}
