import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldError, fieldErrors } from '../../api/client.ts';
import { useCall, usePatchClient, type ClientPatch } from '../../api/mutations.ts';
import { useTelephony } from '../../api/hooks.ts';
import type { ClientDto } from '../../api/types.ts';
import { Field } from '../../components/ui.tsx';
import { PhoneIcon } from '../../components/icons.tsx';
import { DateInput } from '../../components/DateInputs.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';

const lines = (s: string) =>
  s
    .split(/[\n,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function ClientBlock({ client, leadId }: { client: ClientDto; leadId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const call = useCall();
  const telephony = useTelephony();
  const callable = telephony.data?.mode !== 'off';

  if (editing) return <ClientForm client={client} leadId={leadId} onDone={() => setEditing(false)} />;

  return (
    <section className="client-block" aria-labelledby="client-h" data-testid="client-block">
      <div className="section-head">
        <h3 id="client-h">{t('client.title')}</h3>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setEditing(true)} data-testid="client-edit">
          {t('common.edit')}
        </button>
      </div>
      <dl className="kv">
        <dt>{t('client.name')}</dt>
        <dd>{client.fullName || <span className="muted">—</span>}</dd>
        <dt>{t('client.organization')}</dt>
        <dd>{client.organization || <span className="muted">—</span>}</dd>
        <dt>{t('client.phones')}</dt>
        <dd className="phones">
          {client.phones.length === 0 && <span className="muted">—</span>}
          {client.phones.map((p) => (
            <button
              key={p}
              type="button"
              className="phone-btn"
              aria-label={t('client.call', { phone: formatPhone(p) })}
              title={callable ? t('client.callTitle') : t('client.telephonyOff')}
              disabled={call.isPending}
              data-testid={`call-${p}`}
              onClick={() => call.mutate({ leadId, phone: p })}
            >
              <PhoneIcon size={12} />
              <span className="mono">{formatPhone(p)}</span>
            </button>
          ))}
        </dd>
        <dt>{t('client.emails')}</dt>
        <dd>
          {client.emails.length === 0 && <span className="muted">—</span>}
          {client.emails.map((e) => (
            <a key={e} href={`mailto:${e}`} className="email-link">
              {e}
            </a>
          ))}
        </dd>
        {client.address && (
          <>
            <dt>{t('client.address')}</dt>
            <dd>{client.address}</dd>
          </>
        )}
        {(client.birthday || client.firstOrderAt || client.lastOrderAt) && (
          <>
            <dt>{t('client.dates')}</dt>
            <dd className="dates">
              {client.birthday && (
                <span>
                  {t('client.birthday')} {f.date(client.birthday)}
                </span>
              )}
              {client.firstOrderAt && (
                <span>
                  {t('client.firstOrder')} {f.date(client.firstOrderAt)}
                </span>
              )}
              {client.lastOrderAt && (
                <span>
                  {t('client.lastOrder')} {f.date(client.lastOrderAt)}
                </span>
              )}
            </dd>
          </>
        )}
        {client.needs && (
          <>
            <dt>{t('client.needs')}</dt>
            <dd className="prewrap">{client.needs}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ClientForm({ client: current, leadId, onDone }: { client: ClientDto; leadId: number; onDone: () => void }) {
  const { t } = useTranslation();
  // The version the user started editing from: a change by someone else meanwhile must give a 409.
  const [client] = useState(current);
  const save = usePatchClient();
  const [f, setF] = useState({
    fullName: client.fullName ?? '',
    organization: client.organization ?? '',
    // Shown as people write them; the server stores whatever is typed as E.164 again.
    phones: client.phones.map((p) => formatPhone(p)).join('\n'),
    emails: client.emails.join('\n'),
    address: client.address ?? '',
    birthday: client.birthday ?? '',
    firstOrderAt: client.firstOrderAt ?? '',
    lastOrderAt: client.lastOrderAt ?? '',
    needs: client.needs ?? '',
  });
  const fields = fieldErrors(save.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const setDate = (k: 'birthday' | 'firstOrderAt' | 'lastOrderAt') => (value: string) => setF((x) => ({ ...x, [k]: value }));
  const orNull = (s: string) => s.trim() || null;

  function submit(e: FormEvent) {
    e.preventDefault();
    const patch: ClientPatch = {
      fullName: orNull(f.fullName),
      organization: orNull(f.organization),
      phones: lines(f.phones),
      emails: lines(f.emails),
      address: orNull(f.address),
      birthday: orNull(f.birthday),
      firstOrderAt: orNull(f.firstOrderAt),
      lastOrderAt: orNull(f.lastOrderAt),
      needs: orNull(f.needs),
    };
    // A 409 closes the form: the card behind it now shows the other person's change to review first.
    save.mutate({ client, leadId, patch }, { onSuccess: onDone, onError: (err) => err instanceof ApiError && err.status === 409 && onDone() });
  }

  const err = (k: string) => fieldError(fields, k);

  return (
    <form className="client-block client-form" onSubmit={submit} aria-label={t('client.edit')} data-testid="client-form">
      <div className="section-head">
        <h3>{t('client.edit')}</h3>
      </div>
      <div className="form-grid">
        <Field label={t('client.name')} error={err('fullName')}>
          <input value={f.fullName} onChange={set('fullName')} autoFocus />
        </Field>
        <Field label={t('client.organization')} error={err('organization')}>
          <input value={f.organization} onChange={set('organization')} />
        </Field>
        <Field label={t('client.phones')} hint={t('client.onePerLine')} error={err('phones')}>
          <textarea rows={2} value={f.phones} onChange={set('phones')} />
        </Field>
        <Field label={t('client.emails')} hint={t('client.onePerLine')} error={err('emails')}>
          <textarea rows={2} value={f.emails} onChange={set('emails')} />
        </Field>
        <Field label={t('client.address')} error={err('address')}>
          <input value={f.address} onChange={set('address')} />
        </Field>
        <Field label={t('client.birthday')} error={err('birthday')}>
          <DateInput value={f.birthday} onChange={setDate('birthday')} testId="client-birthday" />
        </Field>
        <Field label={t('client.firstOrder')} error={err('firstOrderAt')}>
          <DateInput value={f.firstOrderAt} onChange={setDate('firstOrderAt')} />
        </Field>
        <Field label={t('client.lastOrder')} error={err('lastOrderAt')}>
          <DateInput value={f.lastOrderAt} onChange={setDate('lastOrderAt')} />
        </Field>
        <Field label={t('client.needsAndInterests')} error={err('needs')}>
          <textarea rows={3} value={f.needs} onChange={set('needs')} />
        </Field>
      </div>
      {save.error instanceof ApiError && save.error.status === 400 && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending} data-testid="client-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
