import { useTranslation } from 'react-i18next';
import { useTelephony } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';

/** Directors must know when calls bypass Leadline (the dialplan then rings the department directly). */
export function TelephonyBanner({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { data } = useTelephony();
  // Those who set up numbers and routing see the phone system's state (the server tells only them).
  if (!me.can.manageDepartments || !data || data.mode === 'off' || data.state === 'connected') return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="telephony-banner">
      <strong>{data.state === 'connecting' ? t('telephony.connecting') : t('telephony.disconnected')}</strong> {t('telephony.fallback')}
      {data.detail && <span className="muted"> ({data.detail})</span>}
    </div>
  );
}
