import { useState, type FormEvent } from 'react';
import { ApiError, fieldError, fieldErrors } from '../../api/client.ts';
import { useCall, usePatchClient, type ClientPatch } from '../../api/mutations.ts';
import { useTelephony } from '../../api/hooks.ts';
import type { ClientDto } from '../../api/types.ts';
import { dateOnly } from '../../lib/time.ts';
import { Field } from '../../components/ui.tsx';
import { PhoneIcon } from '../../components/icons.tsx';

const lines = (s: string) =>
  s
    .split(/[\n,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function ClientBlock({ client, leadId }: { client: ClientDto; leadId: number }) {
  const [editing, setEditing] = useState(false);
  const call = useCall();
  const telephony = useTelephony();
  const callable = telephony.data?.mode !== 'off';

  if (editing) return <ClientForm client={client} leadId={leadId} onDone={() => setEditing(false)} />;

  return (
    <section className="client-block" aria-labelledby="client-h" data-testid="client-block">
      <div className="section-head">
        <h3 id="client-h">Client</h3>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setEditing(true)} data-testid="client-edit">
          Edit
        </button>
      </div>
      <dl className="kv">
        <dt>Name</dt>
        <dd>{client.fullName || <span className="muted">—</span>}</dd>
        <dt>Organization</dt>
        <dd>{client.organization || <span className="muted">—</span>}</dd>
        <dt>Phones</dt>
        <dd className="phones">
          {client.phones.length === 0 && <span className="muted">—</span>}
          {client.phones.map((p) => (
            <button
              key={p}
              type="button"
              className="phone-btn"
              aria-label={`Call ${p}`}
              title={callable ? 'Click to call: your phone rings first' : 'Telephony is off'}
              disabled={call.isPending}
              data-testid={`call-${p}`}
              onClick={() => call.mutate({ leadId, phone: p })}
            >
              <PhoneIcon size={12} />
              <span className="mono">{p}</span>
            </button>
          ))}
        </dd>
        <dt>E-mails</dt>
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
            <dt>Address</dt>
            <dd>{client.address}</dd>
          </>
        )}
        {(client.birthday || client.firstOrderAt || client.lastOrderAt) && (
          <>
            <dt>Dates</dt>
            <dd className="dates">
              {client.birthday && <span>Birthday {dateOnly(client.birthday)}</span>}
              {client.firstOrderAt && <span>First order {dateOnly(client.firstOrderAt)}</span>}
              {client.lastOrderAt && <span>Last order {dateOnly(client.lastOrderAt)}</span>}
            </dd>
          </>
        )}
        {client.needs && (
          <>
            <dt>Needs</dt>
            <dd className="prewrap">{client.needs}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ClientForm({ client: current, leadId, onDone }: { client: ClientDto; leadId: number; onDone: () => void }) {
  // The version the user started editing from: a change by someone else meanwhile must give a 409.
  const [client] = useState(current);
  const save = usePatchClient();
  const [f, setF] = useState({
    fullName: client.fullName ?? '',
    organization: client.organization ?? '',
    phones: client.phones.join('\n'),
    emails: client.emails.join('\n'),
    address: client.address ?? '',
    birthday: client.birthday ?? '',
    firstOrderAt: client.firstOrderAt ?? '',
    lastOrderAt: client.lastOrderAt ?? '',
    needs: client.needs ?? '',
  });
  const fields = fieldErrors(save.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
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
    <form className="client-block client-form" onSubmit={submit} aria-label="Edit client" data-testid="client-form">
      <div className="section-head">
        <h3>Edit client</h3>
      </div>
      <div className="form-grid">
        <Field label="Name" error={err('fullName')}>
          <input value={f.fullName} onChange={set('fullName')} autoFocus />
        </Field>
        <Field label="Organization" error={err('organization')}>
          <input value={f.organization} onChange={set('organization')} />
        </Field>
        <Field label="Phones" hint="One per line" error={err('phones')}>
          <textarea rows={2} value={f.phones} onChange={set('phones')} />
        </Field>
        <Field label="E-mails" hint="One per line" error={err('emails')}>
          <textarea rows={2} value={f.emails} onChange={set('emails')} />
        </Field>
        <Field label="Address" error={err('address')}>
          <input value={f.address} onChange={set('address')} />
        </Field>
        <Field label="Birthday" error={err('birthday')}>
          <input type="date" value={f.birthday} onChange={set('birthday')} />
        </Field>
        <Field label="First order" error={err('firstOrderAt')}>
          <input type="date" value={f.firstOrderAt} onChange={set('firstOrderAt')} />
        </Field>
        <Field label="Last order" error={err('lastOrderAt')}>
          <input type="date" value={f.lastOrderAt} onChange={set('lastOrderAt')} />
        </Field>
        <Field label="Needs and interests" error={err('needs')}>
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
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
