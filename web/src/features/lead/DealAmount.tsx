import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, fieldErrors } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import { PIPELINE } from '../../api/labels.ts';
import { reloadLead } from '../../api/mutations.ts';
import type { LeadStatus, LeadSummaryDto } from '../../api/types.ts';
import { applyLead } from '../../realtime/cache.ts';
import { Field, FormError, Modal } from '../../components/ui.tsx';
import { useFormat } from '../../i18n/hooks.ts';

const SIGNED = PIPELINE.indexOf('contract_signed');

/** Whether a lead in this status has a deal amount to ask for: its contract is signed (or a later step). */
export function isDealStatus(status: LeadStatus): boolean {
  return PIPELINE.indexOf(status as (typeof PIPELINE)[number]) >= SIGNED;
}

/** `150 000,50` or `150000.5` → 150000.5; null for anything that is not a number. */
function amountOf(text: string): number | null {
  const n = Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
}

/** A PATCH of the lead's deal (and maybe its status) that shows the server's field messages in the form. */
function useSaveDeal(lead: LeadSummaryDto, onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Record<string, unknown>) => api.patch<{ lead: LeadSummaryDto }>(`/api/leads/${lead.id}`, { ...patch, version: lead.version }),
    onSuccess: (res) => {
      applyLead(qc, res.lead);
      void qc.invalidateQueries({ queryKey: keys.lead(lead.id), refetchType: 'active' });
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) void reloadLead(qc, lead.id);
    },
  });
}

/** The amount and currency inputs of a deal form; the currency may stay empty (the department's default). */
function DealInputs({ form, amount, currency, setAmount, setCurrency, fields, badAmount }: {
  form: string;
  amount: string;
  currency: string;
  setAmount: (v: string) => void;
  setCurrency: (v: string) => void;
  fields: Record<string, string>;
  badAmount: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('deal.amount')} error={badAmount ? t('deal.badAmount') : fields.amount}>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoFocus data-testid={`${form}-amount`} />
      </Field>
      <Field label={t('deal.currency')} hint={t('deal.currencyHint')} error={fields.currency}>
        <input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} data-testid={`${form}-currency`} />
      </Field>
    </>
  );
}

/** The body of a deal save: the amount, and the currency only when one is typed. */
function dealPatch(amount: number, currency: string): Record<string, unknown> {
  return currency.trim() ? { amount, currency: currency.trim() } : { amount };
}

/** Asked when a lead moves to a signed contract without an amount: the amount now, or later (status only). */
export function DealDialog({ lead, status, onClose }: { lead: LeadSummaryDto; status: LeadStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [badAmount, setBadAmount] = useState(false);
  const save = useSaveDeal(lead, onClose);
  const fields = fieldErrors(save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = amountOf(amount);
    setBadAmount(n === null);
    if (n !== null) save.mutate({ status, ...dealPatch(n, currency) });
  }

  return (
    <Modal
      title={t('deal.title')}
      onClose={onClose}
      testId="deal-dialog"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={() => save.mutate({ status })} disabled={save.isPending} data-testid="deal-later">
            {t('deal.later')}
          </button>
          <button type="submit" form="deal-form" className="btn btn-primary" disabled={save.isPending} data-testid="deal-save">
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="deal-form" className="form-grid" onSubmit={submit}>
        <p className="span-2 muted">{t('deal.ask')}</p>
        <DealInputs form="deal" amount={amount} currency={currency} setAmount={setAmount} setCurrency={setCurrency} fields={fields} badAmount={badAmount} />
        <FormError error={save.error} fields={fields} className="span-2" />
      </form>
    </Modal>
  );
}

/** The deal on the card once the contract is signed: its amount, editable by whoever may edit the lead. */
export function DealField({ lead }: { lead: LeadSummaryDto }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [badAmount, setBadAmount] = useState(false);
  const save = useSaveDeal(lead, () => setEditing(false));
  const fields = fieldErrors(save.error);
  if (!isDealStatus(lead.status) && lead.amount === null) return null;

  function start() {
    setAmount(lead.amount === null ? '' : String(lead.amount));
    setCurrency(lead.currency ?? '');
    setBadAmount(false);
    save.reset();
    setEditing(true);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (amount.trim() === '') return save.mutate({ amount: null });
    const n = amountOf(amount);
    setBadAmount(n === null);
    if (n !== null) save.mutate(dealPatch(n, currency));
  }

  if (editing) {
    return (
      <form className="control control-wide deal-form" onSubmit={submit} data-testid="deal-edit">
        <DealInputs form="deal-edit" amount={amount} currency={currency} setAmount={setAmount} setCurrency={setCurrency} fields={fields} badAmount={badAmount} />
        <div className="deal-actions">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending} data-testid="deal-edit-save">
            {t('common.save')}
          </button>
        </div>
        <FormError error={save.error} fields={fields} />
      </form>
    );
  }
  return (
    <div className="control">
      <span className="control-label">{t('deal.amount')}</span>
      <span className="control-value" data-testid="deal-amount">
        {lead.amount === null ? <span className="muted">{t('deal.none')}</span> : f.money(lead.amount, lead.currency ?? undefined)}
        {lead.can.edit && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={start} data-testid="deal-edit-open">
            {lead.amount === null ? t('deal.set') : t('deal.change')}
          </button>
        )}
      </span>
    </div>
  );
}
