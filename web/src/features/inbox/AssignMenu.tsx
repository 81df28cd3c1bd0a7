import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../api/hooks.ts';
import type { LeadSummaryDto, UserDto } from '../../api/types.ts';
import { PresenceDot, presenceText } from '../../components/ui.tsx';
import { useLabels } from '../../i18n/hooks.ts';
import { useOutsideClick } from '../../lib/outside-click.ts';
import { useBulkAssign, useNextInTurn } from './inbox-api.ts';

/** Not there to take a lead now: offline (no tab open), away or do-not-disturb. */
export function isAbsent(u: Pick<UserDto, 'presence' | 'online'>): boolean {
  return !u.online || u.presence !== 'available';
}

const rank = (u: UserDto) => (isAbsent(u) ? 2 : u.onCall ? 1 : 0);

interface Props {
  leads: LeadSummaryDto[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button's text. */
  label: string;
  testId: string;
  primary?: boolean;
}

/**
 * "Assign to…": the managers of the leads' department with presence and open load, the next in turn on top, and a
 * warning before giving leads to someone who is away or offline. One lead or many: one request (POST /api/inbox/assign).
 */
export function AssignMenu({ leads, open, onOpenChange, label, testId, primary }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [q, setQ] = useState('');
  const [absent, setAbsent] = useState<UserDto | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const users = useUsers();
  const departments = new Set(leads.map((l) => l.departmentId));
  const departmentId = departments.size === 1 ? leads[0]!.departmentId : null;
  const next = useNextInTurn(open ? departmentId : null);
  const assign = useBulkAssign();

  const close = () => {
    onOpenChange(false);
    setQ('');
    setAbsent(null);
    buttonRef.current?.focus();
  };
  useOutsideClick(boxRef, open, close);

  const managers = (users.data ?? [])
    .filter((u) => u.role === 'manager' && u.active && u.departmentId === departmentId)
    .filter((u) => !q || u.name.toLocaleLowerCase().includes(q.toLocaleLowerCase()))
    .sort((a, b) => rank(a) - rank(b) || (a.openLeads ?? 0) - (b.openLeads ?? 0) || a.name.localeCompare(b.name));
  const suggested = managers.find((u) => u.id === next.data?.userId) ?? null;

  const give = (u: UserDto, confirmed = false) => {
    if (!confirmed && isAbsent(u)) {
      setAbsent(u);
      return;
    }
    assign.mutate({ leads, managerId: u.id, managerName: u.name });
    close();
  };

  const option = (u: UserDto, suggestion = false) => (
    <li
      key={suggestion ? `next-${u.id}` : u.id}
      role="option"
      tabIndex={0}
      aria-selected={false}
      className={`picker-option${suggestion ? ' picker-next' : ''}`}
      data-testid={suggestion ? 'assign-next-in-turn' : `bulk-assign-option-${u.id}`}
      onClick={() => give(u)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          give(u);
        }
      }}
    >
      <PresenceDot presence={u.presence} online={u.online} onCall={u.onCall} />
      <span className="picker-name">
        {suggestion && <span className="picker-caption">{t('inbox.nextInTurn')}</span>}
        {u.name}
      </span>
      <span className="muted small">{presenceText(labels, u.presence, u.online, u.onCall)}</span>
      <span className="load" title={t('assign.openLeads')}>
        {t('assign.openCount', { count: u.openLeads ?? 0 })}
      </span>
    </li>
  );

  return (
    <div className="popover-anchor" ref={boxRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`btn btn-sm${primary ? ' btn-primary' : ''}`}
        aria-haspopup="listbox"
        aria-expanded={open}
        onClick={(e) => {
          e.stopPropagation();
          if (open) close();
          else onOpenChange(true);
        }}
        data-testid={testId}
      >
        {label}
      </button>
      {open && (
        <div
          className="popover assign-picker inbox-assign"
          data-testid="inbox-assign-menu"
          onClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="option"]')];
              const i = items.indexOf(document.activeElement as HTMLElement);
              items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
            }
          }}
        >
          {absent ? (
            <div className="absent-warning" role="alert" data-testid="assign-absent-warning">
              <p>{t('inbox.absentWarning', { name: absent.name, presence: presenceText(labels, absent.presence, absent.online, absent.onCall).toLocaleLowerCase() })}</p>
              <div className="row-gap">
                <button type="button" className="btn btn-sm btn-primary" autoFocus onClick={() => give(absent, true)} data-testid="assign-anyway">
                  {t('inbox.assignAnyway')}
                </button>
                <button type="button" className="btn btn-sm" onClick={() => setAbsent(null)}>
                  {t('inbox.chooseAnother')}
                </button>
              </div>
            </div>
          ) : (
            <>
              <div className="muted small pad">{t('inbox.assigning', { count: leads.length })}</div>
              <input className="picker-search" autoFocus placeholder={t('assign.find')} aria-label={t('assign.find')} value={q} onChange={(e) => setQ(e.target.value)} />
              <ul role="listbox" aria-label={t('assign.managers')}>
                {departmentId === null && <li className="muted small pad">{t('inbox.oneDepartment')}</li>}
                {departmentId !== null && users.isPending && <li className="muted small pad">{t('common.loadingMore')}</li>}
                {departmentId !== null && !users.isPending && managers.length === 0 && <li className="muted small pad">{t('assign.noManagers')}</li>}
                {suggested && !q && option(suggested, true)}
                {managers.map((u) => option(u))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
