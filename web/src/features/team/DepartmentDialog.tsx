import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, fieldErrors } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import type { DepartmentDto, RoutingStep } from '../../api/types.ts';
import { ROUTING_STEPS as STEPS } from '../../api/labels.ts';
import { Field, FormDialog, FormError } from '../../components/ui.tsx';
import { useSaveRecord } from '../../api/mutations.ts';
import { useLabels } from '../../i18n/hooks.ts';
import { DEFAULT_SPEED_TO_LEAD, SpeedToLeadFields } from './SpeedToLeadFields.tsx';
import { DEFAULT_DISTRIBUTION, DistributionFields } from './DistributionFields.tsx';
import { CallbackFields, DEFAULT_INSTANT_CALLBACK } from './CallbackFields.tsx';

export function DepartmentDialog({ department, onClose }: { department: DepartmentDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [name, setName] = useState(department?.name ?? '');
  const [numbers, setNumbers] = useState(department?.phoneNumbers.join('\n') ?? '');
  const [timeout, setTimeoutSec] = useState(department?.ringTimeoutSec ? String(department.ringTimeoutSec) : '');
  const [chain, setChain] = useState<RoutingStep[] | null>(department?.routingChain ?? null);
  const [speedToLead, setSpeedToLead] = useState(department?.speedToLead ?? DEFAULT_SPEED_TO_LEAD);
  const [distribution, setDistribution] = useState(department?.distribution ?? DEFAULT_DISTRIBUTION);
  const [currency, setCurrency] = useState(department?.currency ?? '');
  const [instantCallback, setInstantCallback] = useState(department?.instantCallback ?? DEFAULT_INSTANT_CALLBACK);
  const save = useSaveRecord({ path: '/api/departments', id: department?.id, list: keys.departments, saved: t('department.saved'), created: t('department.created'), onSaved: onClose });
  const fields = fieldErrors(save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      name: name.trim(),
      phoneNumbers: numbers
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      ringTimeoutSec: timeout ? Number(timeout) : null,
      routingChain: chain,
      speedToLead,
      ...(department ? { distribution, currency: currency.trim() || null, instantCallback, version: department.version } : {}),
    });
  }

  const toggle = (step: RoutingStep) => setChain((c) => {
    const cur = c ?? [...STEPS];
    return cur.includes(step) ? cur.filter((s) => s !== step) : STEPS.filter((s) => s === step || cur.includes(s));
  });

  return (
    <FormDialog
      name="department"
      title={department ? t('common.editNamed', { name: department.name }) : t('department.new')}
      busy={save.isPending}
      onClose={onClose}
      onSubmit={submit}
    >
        <Field label={t('department.name')} error={fields.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus data-testid="department-name" />
        </Field>
        <Field label={t('department.numbers')} hint={t('department.numbersHint')} error={fieldError(fields, 'phoneNumbers')}>
          <textarea rows={3} value={numbers} onChange={(e) => setNumbers(e.target.value)} data-testid="department-numbers" />
        </Field>
        <Field label={t('department.timeout')} hint={t('department.timeoutHint')} error={fields.ringTimeoutSec}>
          <input type="number" min={5} max={120} value={timeout} onChange={(e) => setTimeoutSec(e.target.value)} />
        </Field>
        <fieldset className="field">
          <legend className="field-label">{t('department.chain')}</legend>
          <div className="chain">
            {STEPS.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" checked={(chain ?? STEPS).includes(s)} onChange={() => toggle(s)} />
                {labels.routingStep(s)}
              </label>
            ))}
          </div>
          {chain === null && <span className="field-hint">{t('department.chainDefault')}</span>}
          {fields.routingChain && <span className="field-error">{fields.routingChain}</span>}
        </fieldset>
        {department && (
          <Field label={t('department.currency')} hint={t('department.currencyHint')} error={fields.currency}>
            <input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} data-testid="department-currency" />
          </Field>
        )}
        <SpeedToLeadFields value={speedToLead} onChange={setSpeedToLead} errors={fields} />
        {department && <DistributionFields departmentId={department.id} currency={/^[A-Z]{3}$/.test(currency.trim()) ? currency.trim() : (department.currency ?? null)} value={distribution} onChange={setDistribution} errors={fields} />}
        {department && <CallbackFields value={instantCallback} onChange={setInstantCallback} errors={fields} />}
        <FormError error={save.error} fields={fields} />
    </FormDialog>
  );
}
