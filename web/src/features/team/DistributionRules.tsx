import { useTranslation } from 'react-i18next';
import type { DistributionRule } from '../../api/types.ts';
import { useSites, useUsers } from '../../api/hooks.ts';
import { amountOf, languagesOf, RuleTextField } from './RuleTextField.tsx';

/**
 * The distribution rules of a department, in order (the first that matches a new lead and has an eligible manager
 * wins): a website, words of the service, the client's languages and bounds of the amount they named (any of them),
 * naming one manager or a group of them (shared by the fair pool).
 */
const withCurrency = (label: string, currency: string | null) => (currency ? `${label}, ${currency}` : label);

/** The server's messages about rule `i` (`distribution.rules.2.languages.0` …), one per field. */
function ruleErrors(errors: Record<string, string>, i: number): [string, string][] {
  const prefix = `distribution.rules.${i}.`;
  const byField = new Map<string, string>();
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(prefix)) {
      const field = key.slice(prefix.length).split('.')[0]!;
      if (!byField.has(field)) byField.set(field, message);
    }
  }
  return [...byField];
}

export function DistributionRules({
  departmentId,
  currency,
  rules,
  onChange,
  errors,
}: {
  departmentId: number;
  /** The department's own currency, the one amount bounds are in (ISO 4217); null: the install's default. */
  currency: string | null;
  rules: DistributionRule[];
  onChange: (rules: DistributionRule[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const sites = (useSites().data ?? []).filter((s) => s.departmentId === departmentId);
  const managers = (useUsers().data ?? []).filter((u) => u.role === 'manager' && u.departmentId === departmentId && u.active);
  const set = (i: number, rule: DistributionRule) => onChange(rules.map((r, k) => (k === i ? rule : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const toggle = (i: number, userId: number) => {
    const r = rules[i];
    set(i, { ...r, userIds: r.userIds.includes(userId) ? r.userIds.filter((id) => id !== userId) : [...r.userIds, userId] });
  };
  return (
    <div className="distribution-rules" data-testid="distribution-rules">
      <span className="field-label">{t('department.rules')}</span>
      <span className="field-hint">{t('department.rulesHint')}</span>
      <span className="field-hint">{t('department.ruleTermsHint')}</span>
      <ol>
        {rules.map((r, i) => (
          <li key={i} className="distribution-rule" data-testid={`distribution-rule-${i}`}>
            <select
              value={r.siteId ?? ''}
              aria-label={t('department.ruleSite')}
              onChange={(e) => {
                set(i, { ...r, siteId: e.target.value ? Number(e.target.value) : undefined });
              }}
              data-testid="rule-site"
            >
              <option value="">{t('department.ruleAnySite')}</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <input
              value={r.service ?? ''}
              placeholder={t('department.ruleService')}
              aria-label={t('department.ruleService')}
              onChange={(e) => {
                set(i, { ...r, service: e.target.value.trim() ? e.target.value : undefined });
              }}
              data-testid="rule-service"
            />
            <RuleTextField
              value={r.languages}
              format={(codes) => codes.join(', ')}
              parse={languagesOf}
              onChange={(languages) => set(i, { ...r, languages })}
              label={t('department.ruleLanguages')}
              className="rule-short"
              testId="rule-languages"
            />
            <RuleTextField
              value={r.amountMin}
              format={String}
              parse={amountOf}
              onChange={(amountMin) => set(i, { ...r, amountMin })}
              label={withCurrency(t('department.ruleAmountMin'), currency)}
              className="rule-short"
              inputMode="decimal"
              testId="rule-amount-min"
            />
            <RuleTextField
              value={r.amountMax}
              format={String}
              parse={amountOf}
              onChange={(amountMax) => set(i, { ...r, amountMax })}
              label={withCurrency(t('department.ruleAmountMax'), currency)}
              className="rule-short"
              inputMode="decimal"
              testId="rule-amount-max"
            />
            <div className="chain" role="group" aria-label={t('department.ruleManagers')}>
              {managers.map((m) => (
                <label key={m.id} className="check">
                  <input type="checkbox" checked={r.userIds.includes(m.id)} onChange={() => toggle(i, m.id)} />
                  {m.name}
                </label>
              ))}
            </div>
            <span className="rule-buttons">
              <button type="button" className="icon-btn" aria-label={t('department.ruleUp')} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="icon-btn" aria-label={t('department.ruleDown')} disabled={i === rules.length - 1} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button type="button" className="icon-btn" aria-label={t('department.ruleRemove')} onClick={() => onChange(rules.filter((_r, k) => k !== i))}>
                ×
              </button>
            </span>
            {ruleErrors(errors, i).map(([field, message]) => (
              <span key={field} className="field-error" data-testid="rule-error">
                {message}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <button type="button" className="btn" disabled={managers.length === 0} onClick={() => onChange([...rules, { userIds: managers.length ? [managers[0].id] : [] }])} data-testid="rule-add">
        {t('department.ruleAdd')}
      </button>
    </div>
  );
}
