import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING } from '../../api/labels.ts';
import { INTL_LOCALE } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import type { ManagerFigure } from './drill.ts';
import type { ManagerFigures } from './types.ts';

export type FigureKind = 'count' | 'duration' | 'talk' | 'rate';

/** One column of the managers table (and one possible chart). */
export interface Column {
  id: string;
  title: string;
  /** The lead list a click opens. */
  figure: ManagerFigure;
  kind: FigureKind;
  /** Whether a rise is good news (for the trend arrow's colour). */
  higherIsBetter: boolean;
  value: (f: ManagerFigures) => number | null;
}

export const lostTotal = (f: ManagerFigures) => CLOSING.reduce((sum, s) => sum + (f.lost[s] ?? 0), 0);
export const avgTalk = (f: ManagerFigures) => f.avgTalkSeconds;

/** The managers table's columns, in order, titled in the language on screen. */
export function useColumns(): Column[] {
  const { t } = useTranslation();
  return useMemo(
    () => [
      { id: 'leadsAssigned', title: t('reports.col.leadsAssigned'), figure: 'leadsAssigned', kind: 'count', higherIsBetter: true, value: (f) => f.leadsAssigned },
      { id: 'assignMedian', title: t('reports.col.assignMedian'), figure: 'assignSeconds', kind: 'duration', higherIsBetter: false, value: (f) => f.assignSeconds.median },
      { id: 'assignP90', title: t('reports.col.assignP90'), figure: 'assignSeconds', kind: 'duration', higherIsBetter: false, value: (f) => f.assignSeconds.p90 },
      { id: 'contactMedian', title: t('reports.col.contactMedian'), figure: 'firstContactSeconds', kind: 'duration', higherIsBetter: false, value: (f) => f.firstContactSeconds.median },
      { id: 'contactP90', title: t('reports.col.contactP90'), figure: 'firstContactSeconds', kind: 'duration', higherIsBetter: false, value: (f) => f.firstContactSeconds.p90 },
      { id: 'callsMade', title: t('reports.col.callsMade'), figure: 'callsMade', kind: 'count', higherIsBetter: true, value: (f) => f.callsMade },
      { id: 'callsAnswered', title: t('reports.col.callsAnswered'), figure: 'callsAnswered', kind: 'count', higherIsBetter: true, value: (f) => f.callsAnswered },
      { id: 'callsMissed', title: t('reports.col.callsMissed'), figure: 'callsMissed', kind: 'count', higherIsBetter: false, value: (f) => f.callsMissed },
      { id: 'talkSeconds', title: t('reports.col.talk'), figure: 'talkSeconds', kind: 'talk', higherIsBetter: true, value: (f) => f.talkSeconds },
      { id: 'avgTalk', title: t('reports.col.avgTalk'), figure: 'talkSeconds', kind: 'talk', higherIsBetter: true, value: avgTalk },
      { id: 'statusChanges', title: t('reports.col.statusChanges'), figure: 'statusChanges', kind: 'count', higherIsBetter: true, value: (f) => f.statusChanges },
      { id: 'won', title: t('reports.col.won'), figure: 'won', kind: 'count', higherIsBetter: true, value: (f) => f.won },
      { id: 'lost', title: t('reports.col.lost'), figure: 'lost', kind: 'count', higherIsBetter: false, value: lostTotal },
      { id: 'conversionRate', title: t('reports.col.conversion'), figure: 'conversionRate', kind: 'rate', higherIsBetter: true, value: (f) => f.conversionRate },
    ],
    [t],
  );
}

/** A figure as people read it: «12», «4 мин», «1:15», «25 %»; no value (no samples) is «—», never 0. */
export function useFigureFormat(): (kind: FigureKind, v: number | null | undefined) => string {
  const f = useFormat();
  return useMemo(() => {
    const pct = new Intl.NumberFormat(INTL_LOCALE[f.locale], { style: 'percent', maximumFractionDigits: 1 });
    return (kind, v) => {
      if (v === null || v === undefined) return '—';
      switch (kind) {
        case 'count':
          return f.number(v);
        case 'duration':
          return v < 60 ? f.seconds(Math.round(v)) : (f.gap(new Date(0), new Date(v * 1000)) ?? '—');
        case 'talk':
          return f.duration(v);
        case 'rate':
          return pct.format(v);
      }
    };
  }, [f]);
}
