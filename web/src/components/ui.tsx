import { useEffect, useRef, type ReactNode } from 'react';
import type { LeadColour, LeadStatus, Presence } from '../api/types.ts';
import { COLOUR_HEX, PRESENCE_LABEL, STATUS_LABEL, isClosing } from '../api/labels.ts';
import { dateTime, relative, useNow } from '../lib/time.ts';

export function StatusChip({ status }: { status: LeadStatus }) {
  const tone = status === 'new' ? 'new' : isClosing(status) ? 'closed' : status === 'completed' ? 'done' : 'open';
  return (
    <span className={`chip chip-${tone}`} data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}

export function ColourDot({ colour, size = 10 }: { colour: LeadColour | null; size?: number }) {
  if (!colour) return <span className="colour-dot colour-none" style={{ width: size, height: size }} aria-hidden="true" />;
  return <span className="colour-dot" style={{ background: COLOUR_HEX[colour], width: size, height: size }} role="img" aria-label={`Colour ${colour}`} />;
}

export function presenceText(presence: Presence, online = true, onCall = false): string {
  if (!online) return PRESENCE_LABEL.offline;
  return onCall ? 'On a call' : PRESENCE_LABEL[presence];
}

export function PresenceDot({ presence, online = true, onCall = false }: { presence: Presence; online?: boolean; onCall?: boolean }) {
  const p: Presence = online ? presence : 'offline';
  const label = presenceText(presence, online, onCall);
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

export function Ago({ iso }: { iso: string | null | undefined }) {
  const now = useNow();
  return (
    <time dateTime={iso ?? undefined} title={dateTime(iso)}>
      {relative(iso, now)}
    </time>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="progressbar" aria-label={label} />;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
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
        <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
      {footer && <footer className="modal-foot">{footer}</footer>}
    </dialog>
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
