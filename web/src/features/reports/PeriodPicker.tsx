import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../components/DateInputs.tsx';
import { PRESETS, type Days, type Preset } from './period.ts';

/** Today, yesterday, this/last week, this/last month, or any days (in the language's date fields). */
export function PeriodPicker({ preset, days, onPreset, onDays }: { preset: Preset; days: Days; onPreset: (p: Preset) => void; onDays: (d: Days) => void }) {
  const { t } = useTranslation();
  const names = useMemo<Record<Preset, string>>(
    () => ({
      today: t('reports.preset.today'),
      yesterday: t('reports.preset.yesterday'),
      thisWeek: t('reports.preset.thisWeek'),
      lastWeek: t('reports.preset.lastWeek'),
      thisMonth: t('reports.preset.thisMonth'),
      lastMonth: t('reports.preset.lastMonth'),
      custom: t('reports.preset.custom'),
    }),
    [t],
  );
  return (
    <div className="period-picker" role="group" aria-label={t('reports.period')}>
      <div className="segmented">
        {PRESETS.map((p) => (
          <button key={p} type="button" className={`btn btn-sm${p === preset ? ' active' : ''}`} aria-pressed={p === preset} onClick={() => onPreset(p)} data-testid={`period-${p}`}>
            {names[p]}
          </button>
        ))}
      </div>
      {preset === 'custom' && (
        <span className="date-range">
          <DateInput aria-label={t('reports.firstDay')} value={days.first} onChange={(first) => first && onDays({ ...days, first })} testId="period-first" />
          <span aria-hidden="true">–</span>
          <DateInput aria-label={t('reports.lastDay')} value={days.last} onChange={(last) => last && onDays({ ...days, last })} testId="period-last" />
        </span>
      )}
    </div>
  );
}
