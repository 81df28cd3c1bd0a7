import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadColour, LeadStatus, Presence } from '../api/types.ts';
import { COLOUR_HEX, isClosing } from '../api/labels.ts';
import { useNow } from '../lib/now.ts';
import { errorMessage } from '../api/client.ts';
import { useFormat, useLabels } from '../i18n/hooks.ts';
import type { Labels } from '../i18n/labels.ts';

export function StatusChip({ status }: { status: LeadStatus }) {
  const labels = useLabels();
  const tone = status === 'new' ? 'new' : isClosing(status) ? 'closed' : status === 'completed' ? 'done' : 'open';
  return (
    <span className={`chip chip-${tone}`} data-status={status} title={labels.status(status)}>
      {labels.status(status)}
    </span>
  );
}

export function ColourDot({ colour, size = 10 }: { colour: LeadColour | null; size?: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (!colour) return <span className="colour-dot colour-none" style={{ width: size, height: size }} aria-hidden="true" />;
  return <span className="colour-dot" style={{ background: COLOUR_HEX[colour], width: size, height: size }} role="img" aria-label={t('lead.colourNamed', { colour: labels.colour(colour) })} />;
}

/** How colleagues see someone: their presence, "on a call" while they talk, offline with no tab open. */
export function presenceText(labels: Labels, presence: Presence, online = true, onCall = false): string {
  if (!online) return labels.presence('offline');
  return labels.presence(onCall ? 'on_call' : presence);
}

export function PresenceDot({ presence, online = true, onCall = false }: { presence: Presence; online?: boolean; onCall?: boolean }) {
  const labels = useLabels();
  const p: Presence = online ? presence : 'offline';
  const label = presenceText(labels, presence, online, onCall);
  return <span className={`presence-dot presence-${p}${onCall && online ? ' presence-busy' : ''}`} role="img" aria-label={label} title={label} />;
}

export function FlagIcon({ on }: { on: boolean }) {
  return (
    <svg className={`flag-icon${on ? ' on' : ''}`} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3 1.5v13" stroke="currentColor" strokeWidth="1.5" fill="none" strokeLinecap="round" />
      <path d="M3.5 2.5h8.5l-2 3.2 2 3.3H3.5z" fill={on ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
    </svg>
  );
}

/** "5 минут назад", with the exact moment on hover. */
export function Ago({ iso }: { iso: string | null | undefined }) {
  const now = useNow();
  const f = useFormat();
  return (
    <time dateTime={iso ?? undefined} title={f.dateTime(iso)}>
      {f.ago(iso, now)}
    </time>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <span className="spinner" role="progressbar" aria-label={label ?? t('common.loading')} />;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** What a list query answers, as far as its states go (a react-query result fits). */
export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A list's states in one place: a spinner while it loads, the error with a retry, `empty` when it came back with
 * nothing, else the list itself. `failed` words the error (default "Could not load: …").
 */
export function QueryState({ query, isEmpty, empty, failed, children }: { query: ListQuery; isEmpty: boolean; empty: ReactNode; failed?: (message: string) => string; children: ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div className="center-pad">
        <Spinner />
      </div>
    );
  }
  if (query.isError) {
    const message = errorMessage(query.error);
    return (
      <Empty>
        {failed ? failed(message) : t('common.loadFailed', { message })}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void query.refetch()} data-testid="list-retry">
          {t('common.retry')}
        </button>
      </Empty>
    );
  }
  return isEmpty ? <Empty>{empty}</Empty> : <>{children}</>;
}

/** A screen: a section named by its <h1>; `head` stands in the heading row after the title. */
export function Page({ className = 'content-page', title, testId, head, children }: { className?: string; title: string; testId: string; head?: ReactNode; children: ReactNode }) {
  return (
    <section className={className} aria-labelledby="page-title" data-testid={testId}>
      <div className="page-head">
        <h1 id="page-title">{title}</h1>
        {head}
      </div>
      {children}
    </section>
  );
}

/** What a loaded list shows: a spinner while it loads, the error, the `empty` text when `isEmpty`, else the content. */
export function Loaded<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Spinner />;
  if (query.isError || query.data === undefined) return <Empty>{errorMessage(query.error)}</Empty>;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return children(query.data);
}

/** A plain table with a header row; `actions` adds the (unlabelled) column of row buttons. */
export function SimpleTable({ columns, actions = false, testId, children }: { columns: string[]; actions?: boolean; testId?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="simple-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
          {actions && (
            <th>
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A row's Edit button, named after what it edits. */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-xs btn-ghost" onClick={onClick} aria-label={t('common.editNamed', { name })}>
      {t('common.edit')}
    </button>
  );
}

/** A dialog that edits one record: its form (`<name>-form`), Cancel and Save («Сохранение…» while busy). */
export function FormDialog({
  name,
  title,
  busy,
  onClose,
  onSubmit,
  layout = 'form-stack',
  children,
}: {
  name: string;
  title: string;
  busy: boolean;
  onClose: () => void;
  onSubmit: (e: FormEvent) => void;
  layout?: 'form-stack' | 'form-grid';
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId={`${name}-dialog`}
      footer={
        <DialogButtons form={`${name}-form`} onCancel={onClose} busy={busy} testId={`${name}-save`}>
          {busy ? t('common.saving') : t('common.save')}
        </DialogButtons>
      }
    >
      <form id={`${name}-form`} onSubmit={onSubmit} className={layout}>
        {children}
      </form>
    </Modal>
  );
}

/** A modal on the native <dialog>: focus trap, Esc and the backdrop come from the browser. */
export function Modal({
  title,
  onClose,
  children,
  footer,
  testId,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="modal-head">
        <h2>{title}</h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
      {footer && <footer className="modal-foot">{footer}</footer>}
    </dialog>
  );
}

/** A form dialog's footer: Cancel, and the button that submits the form with id `form` from outside it. */
export function DialogButtons({
  form,
  onCancel,
  busy,
  disabled = false,
  testId,
  children,
}: {
  form: string;
  onCancel: () => void;
  busy: boolean;
  disabled?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn btn-ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" form={form} className="btn btn-primary" disabled={busy || disabled} data-testid={testId}>
        {children}
      </button>
    </>
  );
}

/**
 * The message of a failed save. Pass the `fields` shown beside the inputs to leave the message out when there
 * are any; without them it always shows.
 */
export function FormError({ error, fields, className }: { error: Error | null; fields?: Record<string, string>; className?: string }) {
  if (!error || (fields && Object.keys(fields).length)) return null;
  return (
    <p className={className ? `form-error ${className}` : 'form-error'} role="alert">
      {error.message}
    </p>
  );
}

export function Field({ label, error, children, hint }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className={`field${error ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}
