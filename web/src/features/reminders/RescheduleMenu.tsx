import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatchReminder } from '../../api/mutations.ts';
import { DateTimeInput } from '../../components/DateInputs.tsx';
import { toLocalDateTime } from '../../i18n/date-text.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { useOutsideClick } from '../../lib/outside-click.ts';
import { inAnHour, nextMondayAtTen, tomorrowAtTen } from './presets.ts';

/** "Move to…": in 1 hour, tomorrow 10:00, Monday 10:00 (the user's own clock), or a moment picked by hand. */
export function RescheduleMenu({ reminderId }: { reminderId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const [at, setAt] = useState(() => toLocalDateTime(tomorrowAtTen()));
  const boxRef = useRef<HTMLDivElement>(null);
  const patch = usePatchReminder();
  const close = () => {
    setOpen(false);
    setPicking(false);
  };
  useOutsideClick(boxRef, open, close);
  const move = (when: Date) => {
    patch.mutate({ id: reminderId, change: { at: when.toISOString() } });
    close();
  };
  const ten = f.time(tomorrowAtTen());
  const presets = [
    { key: 'hour', label: t('reminders.inHour'), at: inAnHour },
    { key: 'tomorrow', label: t('reminders.tomorrow', { time: ten }), at: tomorrowAtTen },
    { key: 'monday', label: t('reminders.nextMonday', { time: ten }), at: nextMondayAtTen },
  ];
  return (
    <div className="popover-anchor" ref={boxRef}>
      <button type="button" className="btn btn-xs" aria-haspopup="menu" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))} data-testid={`reschedule-${reminderId}`}>
        {t('todo.reschedule')}
      </button>
      {open && (
        <div className="popover reschedule-menu" role="menu" data-testid="reschedule-menu" onKeyDown={(e) => e.key === 'Escape' && close()}>
          {presets.map((p) => (
            <button key={p.key} type="button" role="menuitem" className="menu-item" onClick={() => move(p.at())} data-testid={`reschedule-${p.key}`}>
              {p.label}
            </button>
          ))}
          {picking ? (
            <form
              className="reschedule-pick"
              onSubmit={(e) => {
                e.preventDefault();
                const when = new Date(at);
                if (at && !Number.isNaN(when.getTime())) move(when);
              }}
            >
              <DateTimeInput label={t('reminders.at')} value={at} onChange={setAt} required testId="reschedule-at" />
              <button type="submit" className="btn btn-xs btn-primary" data-testid="reschedule-save">
                {t('todo.move')}
              </button>
            </form>
          ) : (
            <button type="button" role="menuitem" className="menu-item" onClick={() => setPicking(true)} data-testid="reschedule-pick">
              {t('todo.pick')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
