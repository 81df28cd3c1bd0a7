import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/hooks.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, fieldErrors } from '../../api/client.ts';
import { useDepartments, useUsers } from '../../api/hooks.ts';
import type { CreatedLeadDto, Me } from '../../api/types.ts';
import { applyLead } from '../../realtime/cache.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { DialogButtons, Field, FormError, Modal } from '../../components/ui.tsx';
import { NamedOptions } from '../../components/options.tsx';
import { toast } from '../../components/toast.ts';
import { ExistingClientWarning } from './ExistingClientWarning.tsx';

/** Languages a sales department's clients commonly speak, offered first (ISO 639-1); named in the reader's language. */
const CLIENT_LANGUAGES = ['ru', 'uk', 'be', 'kk', 'uz', 'bg', 'en', 'de', 'tr', 'zh'];

/** A lead made by hand: a client phoned in or walked in. */
export function NewLeadDialog({ me, onClose }: { me: Me; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canAssign = me.can.assignLeads;
  const departments = useDepartments(me.can.allDepartments);
  const users = useUsers(canAssign);
  const [f, setF] = useState({ name: '', phone: '', email: '', organization: '', service: '', comment: '', language: '', amount: '', departmentId: '', managerId: '' });
  const format = useFormat();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const dept = f.departmentId || (me.can.allDepartments ? String(departments.data?.[0]?.id ?? '') : '');
  const managers = (users.data ?? []).filter((u) => u.role === 'manager' && u.active && (!me.can.allDepartments || String(u.departmentId) === dept));

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<CreatedLeadDto>('/api/leads', body),
    onSuccess: (r) => {
      applyLead(qc, r.lead);
      toast(r.lead.returningClient ? t('newLead.createdReturning') : t('newLead.created'), 'success');
      onClose();
      setSearchParams({ lead: String(r.lead.id) });
    },
  });
  const fields = fieldErrors(save.error);
  // Asked when a contact field is left, not on every key.
  const [probe, setProbe] = useState({ phone: '', email: '' });
  const probeContacts = () => setProbe({ phone: f.phone, email: f.email });

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    for (const k of ['name', 'phone', 'email', 'organization', 'service', 'comment', 'language', 'amount'] as const) if (f[k].trim()) body[k] = f[k].trim();
    if (me.can.allDepartments && dept) body.departmentId = Number(dept);
    if (canAssign && f.managerId) body.managerId = Number(f.managerId);
    save.mutate(body);
  }

  return (
    <Modal
      title={t('newLead.title')}
      onClose={onClose}
      testId="new-lead-dialog"
      footer={
        <DialogButtons form="new-lead-form" onCancel={onClose} busy={save.isPending} testId="new-lead-save">
          {t('newLead.create')}
        </DialogButtons>
      }
    >
      <form id="new-lead-form" className="form-grid" onSubmit={submit}>
        <Field label={t('newLead.name')} error={fields.name}>
          <input value={f.name} onChange={set('name')} autoFocus data-testid="new-lead-name" />
        </Field>
        <Field label={t('newLead.organization')} error={fields.organization}>
          <input value={f.organization} onChange={set('organization')} />
        </Field>
        <Field label={t('newLead.phone')} error={fields.phone}>
          <input type="tel" value={f.phone} onChange={set('phone')} onBlur={probeContacts} data-testid="new-lead-phone" />
        </Field>
        <Field label={t('newLead.email')} error={fields.email}>
          <input type="email" value={f.email} onChange={set('email')} onBlur={probeContacts} data-testid="new-lead-email" />
        </Field>
        <ExistingClientWarning
          phone={probe.phone}
          email={probe.email}
          onOpen={(id) => {
            onClose();
            setSearchParams({ lead: String(id) });
          }}
        />
        <Field label={t('newLead.service')} error={fields.service}>
          <input value={f.service} onChange={set('service')} />
        </Field>
        <Field label={t('newLead.language')} error={fields.language}>
          <select value={f.language} onChange={set('language')} data-testid="new-lead-language">
            <option value="">—</option>
            {CLIENT_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {format.language(code)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newLead.amount')} hint={t('newLead.amountHint')} error={fields.amount}>
          <input inputMode="decimal" value={f.amount} onChange={set('amount')} data-testid="new-lead-amount" />
        </Field>
        {me.can.allDepartments && (
          <Field label={t('newLead.department')} error={fields.departmentId}>
            <select value={dept} onChange={set('departmentId')}>
              <NamedOptions items={departments.data} />
            </select>
          </Field>
        )}
        {canAssign && (
          <Field label={t('newLead.manager')} hint={t('newLead.managerHint')} error={fields.managerId}>
            <select value={f.managerId} onChange={set('managerId')} data-testid="new-lead-manager">
              <option value="">{t('common.unassigned')}</option>
              <NamedOptions items={managers} />
            </select>
          </Field>
        )}
        <div className="span-2">
          <Field label={t('newLead.comment')} error={fields.comment}>
            <textarea rows={3} value={f.comment} onChange={set('comment')} />
          </Field>
        </div>
        {/* Shown beside field messages too: the server may name a field this form has no input for. */}
        <FormError error={save.error} className="span-2" />
      </form>
    </Modal>
  );
}
