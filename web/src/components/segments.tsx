import { useTranslation } from 'react-i18next';
import { useFormat, useLabels } from '../i18n/hooks.ts';
import { ABC as ABC_CLASSES, LOYALTY as LOYALTY_STAGES, TAGS as CLIENT_TAGS } from '../api/labels.ts';
import type { ClientSegmentsDto } from '../api/types.ts';

/** The segment filters of the lead and client lists, as they sit in the URL / the API's query. */
export const SEGMENT_KEYS = ['segment', 'abc', 'loyalty'] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

/** The tags as options, in their order, named in the reader's language. */
export function TagOptions() {
  const labels = useLabels();
  return CLIENT_TAGS.map((s) => (
    <option key={s} value={s}>
      {labels.tag(s)}
    </option>
  ));
}

/** Three selects: the client's tag, ABC class (the last 365 days) and loyalty stage; '' is "any". */
export function SegmentFilters({ value, onChange }: { value: Partial<Record<SegmentKey, string>>; onChange: (key: SegmentKey, v: string) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <>
      <select aria-label={t('segments.tagFilter')} value={value.segment ?? ''} onChange={(e) => onChange('segment', e.target.value)} data-testid="filter-segment">
        <option value="">{t('segments.anyTag')}</option>
        <TagOptions />
      </select>
      <select aria-label={t('segments.abcFilter')} value={value.abc ?? ''} onChange={(e) => onChange('abc', e.target.value)} data-testid="filter-abc">
        <option value="">{t('segments.anyAbc')}</option>
        {ABC_CLASSES.map((c) => (
          <option key={c} value={c}>
            {t('segments.abcClass', { abc: c })}
          </option>
        ))}
      </select>
      <select aria-label={t('segments.loyaltyFilter')} value={value.loyalty ?? ''} onChange={(e) => onChange('loyalty', e.target.value)} data-testid="filter-loyalty">
        <option value="">{t('segments.anyLoyalty')}</option>
        {LOYALTY_STAGES.map((s) => (
          <option key={s} value={s}>
            {labels.loyalty(s)}
          </option>
        ))}
      </select>
    </>
  );
}

/** A client's segments as badges: tag, ABC class, loyalty stage. */
export function SegmentBadges({ segments }: { segments: ClientSegmentsDto }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  return (
    <span className="segment-badges" data-testid="segment-badges">
      {segments.tag && <span className={`badge badge-tag-${segments.tag}`}>{labels.tag(segments.tag)}</span>}
      {segments.abc && (
        <span className="badge badge-abc" title={t('segments.abcHint')}>
          {t('segments.abcClass', { abc: segments.abc })}
        </span>
      )}
      <span className="badge badge-loyalty" title={t('segments.orders', { orders: f.number(segments.orders), revenue: f.money(segments.revenue) })}>
        {labels.loyalty(segments.loyalty)}
      </span>
    </span>
  );
}
