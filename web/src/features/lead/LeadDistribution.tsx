import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DistributionDecisionDto, DistributionReasonDto } from '../../api/types.ts';
import { useFormat, type ScreenFormats } from '../../i18n/hooks.ts';

function decisionText(t: TFunction, d: DistributionDecisionDto['decision']): string {
  switch (d) {
    case 'owner':
      return t('distribution.owner');
    case 'rule':
      return t('distribution.rule');
    case 'pool':
      return t('distribution.pool');
    case 'inbox':
      return t('distribution.inbox');
    case 'redistributed':
      return t('distribution.redistributed');
    case 'callback':
      return t('distribution.callback');
  }
}

/** The language and amount conditions a rule met: "language bg, amount ≥ 100 000 ₽"; empty for a rule without them. */
function ruleConditions(t: TFunction, f: ScreenFormats, p: DistributionReasonDto['params']): string {
  const money = (n: string | number | null | undefined) => (typeof n === 'number' ? (p.currency ? f.money(n, String(p.currency)) : f.number(n)) : '—');
  const parts: string[] = [];
  if (p.language !== undefined) parts.push(t('distribution.ruleLanguage', { language: p.language ?? '—' }));
  if (p.amountMin !== undefined) parts.push(t('distribution.ruleAmountMin', { amount: money(p.amountMin) }));
  if (p.amountMax !== undefined) parts.push(t('distribution.ruleAmountMax', { amount: money(p.amountMax) }));
  return parts.join(', ');
}

/** One reason in words: "skipped Boris: on a call", "chose Dima: 47 min without a lead". */
function reasonText(t: TFunction, f: ScreenFormats, r: DistributionReasonDto): string {
  const name = String(r.params.name ?? '—');
  switch (r.code) {
    case 'owner_of_client':
      return t('distribution.ownerOfClient', { name });
    case 'rule_matched': {
      const conditions = ruleConditions(t, f, r.params);
      return conditions ? t('distribution.ruleMatchedWith', { rule: r.params.rule, conditions }) : t('distribution.ruleMatched', { rule: r.params.rule });
    }
    case 'away':
      return t('distribution.away', { name });
    case 'dnd':
      return t('distribution.dnd', { name });
    case 'offline':
      return t('distribution.offline', { name });
    case 'on_call':
      return t('distribution.onCall', { name });
    case 'outside_hours':
      return t('distribution.outsideHours', { name });
    case 'at_cap':
      return t('distribution.atCap', { name, cap: r.params.cap });
    case 'longest_waiting':
      return r.params.minutes === null || r.params.minutes === undefined
        ? t('distribution.firstLead', { name })
        : t('distribution.longestWaiting', { name, wait: f.gap(new Date(0), new Date(Number(r.params.minutes) * 60_000)) ?? '—' });
    case 'no_eligible':
      return t('distribution.noEligible');
    case 'no_first_contact':
      return t('distribution.noFirstContact', { name, minutes: r.params.minutes });
    case 'callback_missed':
      return t('distribution.callbackMissed', { name });
  }
}

/** How the lead found its manager, each automatic decision with its reasons (the lead card's history tab). */
export function LeadDistribution({ decisions }: { decisions: DistributionDecisionDto[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (decisions.length === 0) return null;
  return (
    <section className="distribution" data-testid="distribution-log">
      <h4>{t('distribution.title')}</h4>
      <ul>
        {decisions.map((d, i) => (
          <li key={i} data-testid="distribution-decision">
            <span className="muted small">{f.dateTime(d.at)}</span> <strong>{decisionText(t, d.decision)}</strong>
            <span>: {d.reasons.map((r) => reasonText(t, f, r)).join('; ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
