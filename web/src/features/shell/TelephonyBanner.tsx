import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useTelephony } from '../../api/hooks.ts';
import type { Me, TelephonyReason } from '../../api/types.ts';

function reasonText(reason: TelephonyReason, t: TFunction): string {
  switch (reason) {
    case 'not_configured':
      return t('telephony.reasonNotConfigured');
    case 'auth_failed':
      return t('telephony.reasonAuthFailed');
    case 'unreachable':
      return t('telephony.reasonUnreachable');
    case 'socket_closed':
      return t('telephony.reasonSocketClosed');
    case 'stopped':
      return t('telephony.reasonStopped');
  }
}

/** Directors must know when calls bypass Leadline (the dialplan then rings the department directly). */
export function TelephonyBanner({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { data } = useTelephony();
  // Those who set up numbers and routing see the phone system's state (the server tells only them).
  if (!me.can.manageDepartments || !data || data.mode === 'off' || data.state === 'connected') return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="telephony-banner">
      <strong>{data.state === 'connecting' ? t('telephony.connecting') : t('telephony.disconnected')}</strong> {t('telephony.fallback')}
      {data.reason && <span> — {reasonText(data.reason, t)}</span>}
      {data.detail && (
        <span className="muted" title={data.detail}>
          {' '}
          ({data.detail})
        </span>
      )}
    </div>
  );
}
