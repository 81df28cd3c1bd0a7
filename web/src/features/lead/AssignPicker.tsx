import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../api/hooks.ts';
import { useAssignLead } from '../../api/mutations.ts';
import type { LeadSummaryDto, UserDto } from '../../api/types.ts';
import { PresenceDot, presenceText } from '../../components/ui.tsx';
import { useLabels } from '../../i18n/hooks.ts';
import { useOutsideClick } from '../../lib/outside-click.ts';

const presenceRank = (u: UserDto) => (!u.online || u.presence === 'offline' ? 4 : u.onCall ? 1 : u.presence === 'available' ? 0 : u.presence === 'away' ? 2 : 3);

/** Choose a manager with their presence and open load in view; available and least loaded first. */
export function AssignPicker({ lead }: { lead: LeadSummaryDto }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const users = useUsers();
  const assign = useAssignLead();
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const managers = (users.data ?? [])
    .filter((u) => u.role === 'manager' && u.active && u.departmentId === lead.departmentId)
    .filter((u) => !q || u.name.toLowerCase().includes(q.toLowerCase()))
    .sort((a, b) => presenceRank(a) - presenceRank(b) || (a.openLeads ?? 0) - (b.openLeads ?? 0) || a.name.localeCompare(b.name));

  useOutsideClick(boxRef, open, () => setOpen(false));

  const close = () => {
    setOpen(false);
    setQ('');
    buttonRef.current?.focus();
  };

  return (
    <div className="popover-anchor" ref={boxRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`btn btn-sm assign-btn${lead.ownerId === null ? ' btn-primary' : ''}`}
        aria-haspopup="listbox"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="assign-button"
      >
        {lead.ownerName ? <>{lead.ownerName} ▾</> : t('assign.assign')}
      </button>
      {open && (
        <div
          className="popover assign-picker"
          data-testid="assign-picker"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...(e.currentTarget.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
              const i = items.indexOf(document.activeElement as HTMLElement);
              items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
            }
          }}
        >
          <input className="picker-search" autoFocus placeholder={t('assign.find')} aria-label={t('assign.find')} value={q} onChange={(e) => setQ(e.target.value)} />
          <ul role="listbox" aria-label={t('assign.managers')}>
            {users.isPending && <li className="muted small pad">{t('common.loadingMore')}</li>}
            {!users.isPending && managers.length === 0 && <li className="muted small pad">{t('assign.noManagers')}</li>}
            {managers.map((u) => (
              <li
                key={u.id}
                role="option"
                tabIndex={0}
                aria-selected={u.id === lead.ownerId}
                className="picker-option"
                data-testid={`assign-option-${u.id}`}
                onClick={() => {
                  if (u.id !== lead.ownerId) assign.mutate({ leadId: lead.id, managerId: u.id });
                  close();
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    e.currentTarget.click();
                  }
                }}
              >
                <PresenceDot presence={u.presence} online={u.online} onCall={u.onCall} />
                <span className="picker-name">{u.name}</span>
                <span className="muted small">{presenceText(labels, u.presence, u.online, u.onCall)}</span>
                <span className="load" title={t('assign.openLeads')}>
                  {t('assign.openCount', { count: u.openLeads ?? 0 })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
