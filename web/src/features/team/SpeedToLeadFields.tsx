import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpeedToLeadSettings, WorkingHoursDto } from '../../api/types.ts';
import { TimeInput } from '../../components/DateInputs.tsx';
import { Field } from '../../components/ui.tsx';
import { INTL_LOCALE } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/hooks.ts';

/** What a new department starts with (the server's defaults). */
export const DEFAULT_SPEED_TO_LEAD: SpeedToLeadSettings = {
  unassignedMinutes: 5,
  firstContactMinutes: 15,
  workingHours: { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
};

const WEEK = [1, 2, 3, 4, 5, 6, 7];

/** Weekday names in the language on screen, Monday first (2024-01-01 was a Monday). */
function useWeekdays(): string[] {
  const locale = currentLocale();
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: 'short', timeZone: 'UTC' });
    return WEEK.map((d) => fmt.format(new Date(Date.UTC(2024, 0, d))));
  }, [locale]);
}

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

/**
 * Working hours — days, from, to and time zone — as a department's or a manager's own. `errors` are the server's
 * field messages keyed from `prefix` (`speedToLead.workingHours`, `workingHours`); test ids start with `testId`.
 */
export function WorkingHoursFields({ value: hours, onChange, errors, prefix, testId }: { value: WorkingHoursDto; onChange: (v: WorkingHoursDto) => void; errors: Record<string, string>; prefix: string; testId: string }) {
  const { t } = useTranslation();
  const weekdays = useWeekdays();
  const zones = useMemo(timeZones, []);
  const setHours = (change: Partial<WorkingHoursDto>) => onChange({ ...hours, ...change });
  const err = (path: string) => errors[`${prefix}.${path}`];
  const daysError = Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.days`))?.[1];
  return (
    <>
      <fieldset className="field">
        <legend className="field-label">{t('department.workingDays')}</legend>
        <div className="chain">
          {WEEK.map((d, i) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                checked={hours.days.includes(d)}
                onChange={() => setHours({ days: hours.days.includes(d) ? hours.days.filter((x) => x !== d) : [...hours.days, d].sort((a, b) => a - b) })}
                data-testid={`${testId}-day-${d}`}
              />
              {weekdays[i]}
            </label>
          ))}
        </div>
        {daysError && <span className="field-error">{daysError}</span>}
      </fieldset>
      <div className="form-grid">
        <Field label={t('department.workFrom')} error={err('from')}>
          <TimeInput value={hours.from} onChange={(from) => setHours({ from })} aria-label={t('department.workFrom')} required testId={`${testId}-from`} />
        </Field>
        <Field label={t('department.workTo')} hint={t('department.workToHint')} error={err('to')}>
          <TimeInput value={hours.to} onChange={(to) => setHours({ to })} aria-label={t('department.workTo')} required testId={`${testId}-to`} />
        </Field>
      </div>
      <Field label={t('department.timeZone')} error={err('timeZone')}>
        <input list={`${testId}-zones`} value={hours.timeZone} onChange={(e) => setHours({ timeZone: e.target.value.trim() })} required data-testid={`${testId}-time-zone`} />
      </Field>
      <datalist id={`${testId}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}

/** The speed-to-lead guard's thresholds and the department's working hours, on the department dialog. */
export function SpeedToLeadFields({ value, onChange, errors }: { value: SpeedToLeadSettings; onChange: (v: SpeedToLeadSettings) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const err = (path: string) => errors[`speedToLead.${path}`];
  return (
    <fieldset className="field speed-settings" data-testid="speed-to-lead">
      <legend className="field-label">{t('department.speedToLead')}</legend>
      <span className="field-hint">{t('department.speedHint')}</span>
      <div className="form-grid">
        <Field label={t('department.unassignedMinutes')} hint={t('department.unassignedMinutesHint')} error={err('unassignedMinutes')}>
          <input type="number" min={1} max={10080} required value={value.unassignedMinutes} onChange={(e) => onChange({ ...value, unassignedMinutes: Number(e.target.value) })} data-testid="speed-unassigned" />
        </Field>
        <Field label={t('department.firstContactMinutes')} hint={t('department.firstContactMinutesHint')} error={err('firstContactMinutes')}>
          <input type="number" min={1} max={10080} required value={value.firstContactMinutes} onChange={(e) => onChange({ ...value, firstContactMinutes: Number(e.target.value) })} data-testid="speed-first-contact" />
        </Field>
      </div>
      <WorkingHoursFields value={value.workingHours} onChange={(workingHours) => onChange({ ...value, workingHours })} errors={errors} prefix="speedToLead.workingHours" testId="speed" />
    </fieldset>
  );
}
