import { useTranslation } from 'react-i18next';
import type { DistributionSettings } from '../../api/types.ts';
import { Field } from '../../components/ui.tsx';
import { DistributionRules } from './DistributionRules.tsx';

/** What a new department starts with (the server's defaults): manual. */
export const DEFAULT_DISTRIBUTION: DistributionSettings = { mode: 'manual', rules: [], fairPool: {}, capOpenNew: null, redistributeAfterMinutes: null, maxRedistributions: 1 };

/** How new leads find a manager, on the department dialog: the mode, the rules, the cap and the fair pool. */
export function DistributionFields({
  departmentId,
  currency,
  value,
  onChange,
  errors,
}: {
  departmentId: number;
  /** The department's own currency (ISO 4217), null: the install's default. */
  currency: string | null;
  value: DistributionSettings;
  onChange: (v: DistributionSettings) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const auto = value.mode === 'auto';
  return (
    <fieldset className="field" data-testid="distribution">
      <legend className="field-label">{t('department.distribution')}</legend>
      <Field label={t('department.distributionMode')} error={errors['distribution.mode']}>
        <select value={value.mode} onChange={(e) => onChange({ ...value, mode: e.target.value === 'auto' ? 'auto' : 'manual' })} data-testid="distribution-mode">
          <option value="manual">{t('department.distributionManual')}</option>
          <option value="auto">{t('department.distributionAuto')}</option>
        </select>
      </Field>
      {auto && (
        <>
          <span className="field-hint">{t('department.distributionHint')}</span>
          <label className="check check-long">
            <input type="checkbox" checked={value.fairPool !== null} onChange={(e) => onChange({ ...value, fairPool: e.target.checked ? (value.fairPool ?? {}) : null })} data-testid="distribution-pool" />
            {t('department.fairPool')}
          </label>
          <Field label={t('department.capOpenNew')} hint={t('department.capOpenNewHint')} error={errors['distribution.capOpenNew']}>
            <input
              type="number"
              min={1}
              max={10000}
              value={value.capOpenNew ?? ''}
              onChange={(e) => onChange({ ...value, capOpenNew: e.target.value ? Number(e.target.value) : null })}
              data-testid="distribution-cap"
            />
          </Field>
          <DistributionRules departmentId={departmentId} currency={currency} rules={value.rules} onChange={(rules) => onChange({ ...value, rules })} errors={errors} />
        </>
      )}
    </fieldset>
  );
}
