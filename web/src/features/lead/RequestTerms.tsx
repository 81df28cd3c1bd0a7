import { useTranslation } from 'react-i18next';
import type { LeadDetailDto } from '../../api/types.ts';
import { useFormat } from '../../i18n/hooks.ts';

/** What the website's form said beyond the words: the client's language and the amount they named (not the deal amount). */
export function RequestTerms({ lead }: { lead: Pick<LeadDetailDto['lead'], 'language' | 'requestedAmount'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parts: string[] = [];
  if (lead.language) parts.push(t('lead.language', { language: f.language(lead.language) }));
  if (lead.requestedAmount) parts.push(t('lead.requestedAmount', { amount: f.money(lead.requestedAmount.amount, lead.requestedAmount.currency) }));
  if (parts.length === 0) return null;
  return (
    <div className="small" data-testid="request-terms">
      {parts.join(' · ')}
    </div>
  );
}
