import { useState, type FormEvent } from 'react';
import { fieldError, fieldErrors } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import type { DepartmentDto, RoutingStep } from '../../api/types.ts';
import { ROUTING_STEP_LABEL, ROUTING_STEPS as STEPS } from '../../api/labels.ts';
import { DialogButtons, Field, FormError, Modal } from '../../components/ui.tsx';
import { useSaveRecord } from '../../api/mutations.ts';

export function DepartmentDialog({ department, onClose }: { department: DepartmentDto | null; onClose: () => void }) {
  const [name, setName] = useState(department?.name ?? '');
  const [numbers, setNumbers] = useState(department?.phoneNumbers.join('\n') ?? '');
  const [timeout, setTimeoutSec] = useState(department?.ringTimeoutSec ? String(department.ringTimeoutSec) : '');
  const [chain, setChain] = useState<RoutingStep[] | null>(department?.routingChain ?? null);
  const save = useSaveRecord({ path: '/api/departments', id: department?.id, list: keys.departments, noun: 'Department', onSaved: onClose });
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
    });
  }

  const toggle = (step: RoutingStep) => setChain((c) => {
    const cur = c ?? [...STEPS];
    return cur.includes(step) ? cur.filter((s) => s !== step) : STEPS.filter((s) => s === step || cur.includes(s));
  });

  return (
    <Modal
      title={department ? `Edit ${department.name}` : 'New department'}
      onClose={onClose}
      testId="department-dialog"
      footer={
        <DialogButtons form="dept-form" onCancel={onClose} busy={save.isPending} testId="department-save">
          {save.isPending ? 'Saving…' : 'Save'}
        </DialogButtons>
      }
    >
      <form id="dept-form" onSubmit={submit} className="form-stack">
        <Field label="Name" error={fields.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus data-testid="department-name" />
        </Field>
        <Field label="Public phone numbers" hint="One per line; calls to these numbers belong to this department" error={fieldError(fields, 'phoneNumbers')}>
          <textarea rows={3} value={numbers} onChange={(e) => setNumbers(e.target.value)} data-testid="department-numbers" />
        </Field>
        <Field label="Ring timeout, seconds" hint="Empty: the server default" error={fields.ringTimeoutSec}>
          <input type="number" min={5} max={120} value={timeout} onChange={(e) => setTimeoutSec(e.target.value)} />
        </Field>
        <fieldset className="field">
          <legend className="field-label">When the owner does not answer, try</legend>
          <div className="chain">
            {STEPS.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" checked={(chain ?? STEPS).includes(s)} onChange={() => toggle(s)} />
                {ROUTING_STEP_LABEL[s]}
              </label>
            ))}
          </div>
          {chain === null && <span className="field-hint">Using the server default</span>}
          {fields.routingChain && <span className="field-error">{fields.routingChain}</span>}
        </fieldset>
        <FormError error={save.error} fields={fields} />
      </form>
    </Modal>
  );
}
