import { useTranslation } from 'react-i18next';
import type { DistributionRule } from '../../api/types.ts';
import { useSites, useUsers } from '../../api/hooks.ts';

/**
 * The distribution rules of a department, in order (the first that matches a new lead and has an eligible manager
 * wins): a website and/or words of the service, naming one manager or a group of them (shared by the fair pool).
 */
export function DistributionRules({
  departmentId,
  rules,
  onChange,
  errors,
}: {
  departmentId: number;
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
            {(errors[`distribution.rules.${i}.userIds`] ?? errors[`distribution.rules.${i}.service`]) && (
              <span className="field-error">{errors[`distribution.rules.${i}.userIds`] ?? errors[`distribution.rules.${i}.service`]}</span>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="btn" disabled={managers.length === 0} onClick={() => onChange([...rules, { userIds: managers.length ? [managers[0].id] : [] }])} data-testid="rule-add">
        {t('department.ruleAdd')}
      </button>
    </div>
  );
}
