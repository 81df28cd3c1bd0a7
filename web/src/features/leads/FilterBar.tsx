import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadFilters } from '../../api/filters.ts';
import { useDepartments, useSites, useUsers } from '../../api/hooks.ts';
import { COLOURS } from '../../api/labels.ts';
import type { Me } from '../../api/types.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { NamedOptions } from '../../components/options.tsx';
import { StatusFilter } from './StatusFilter.tsx';
import { DateInput } from '../../components/DateInputs.tsx';
import { useLabels } from '../../i18n/hooks.ts';
import { NO_REPORT_FILTERS, ReportFilterChip } from './ReportFilterChip.tsx';
import { SegmentFilters } from '../../components/segments.tsx';

/** The list/board filters; every change goes into the URL, so a filtered view can be bookmarked or shared. */
export function FilterBar({ me, filters, searchRef }: { me: Me; filters: LeadFilters; searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  // Those who assign leads see their colleagues' leads too: owner and site filters are theirs.
  const canSeeOthers = me.can.assignLeads;
  const users = useUsers(canSeeOthers);
  const departments = useDepartments(me.can.allDepartments);
  const sites = useSites(canSeeOthers);
  const set = (k: keyof LeadFilters, v: string) => setSearchParams({ [k]: v }, { replace: true });
  const owners = (users.data ?? []).filter((u) => (u.role === 'manager' || u.role === 'curator') && (me.can.allDepartments || u.departmentId === me.departmentId));
  const active = Object.keys(filters).length > 0;

  return (
    <div className="filterbar" role="search" data-testid="filter-bar">
      <SearchBox value={filters.q ?? ''} onChange={(v) => set('q', v)} inputRef={searchRef} />
      <StatusFilter value={filters.status ?? ''} onChange={(v) => set('status', v)} />
      {canSeeOthers && (
        <select aria-label={t('filters.owner')} value={filters.ownerId ?? ''} onChange={(e) => set('ownerId', e.target.value)} data-testid="filter-owner">
          <option value="">{t('filters.anyOwner')}</option>
          <option value="unassigned">{t('common.unassigned')}</option>
          <NamedOptions items={owners} />
        </select>
      )}
      {me.can.allDepartments && (
        <select aria-label={t('filters.department')} value={filters.departmentId ?? ''} onChange={(e) => set('departmentId', e.target.value)} data-testid="filter-department">
          <option value="">{t('filters.allDepartments')}</option>
          <NamedOptions items={departments.data} />
        </select>
      )}
      {canSeeOthers && (sites.data?.length ?? 0) > 0 && (
        <select aria-label={t('filters.site')} value={filters.siteId ?? ''} onChange={(e) => set('siteId', e.target.value)} data-testid="filter-site">
          <option value="">{t('filters.anySource')}</option>
          <NamedOptions items={sites.data} />
        </select>
      )}
      <select aria-label={t('filters.colour')} value={filters.colour ?? ''} onChange={(e) => set('colour', e.target.value)} data-testid="filter-colour">
        <option value="">{t('filters.anyColour')}</option>
        {COLOURS.map((c) => (
          <option key={c} value={c}>
            {labels.colour(c)}
          </option>
        ))}
      </select>
      <SegmentFilters value={filters} onChange={set} />
      <label className="check">
        <input type="checkbox" checked={filters.flagged === 'true'} onChange={(e) => set('flagged', e.target.checked ? 'true' : '')} data-testid="filter-flagged" />
        {t('filters.flagged')}
      </label>
      <span className="date-range">
        <DateInput aria-label={t('filters.createdFrom')} value={filters.createdFrom ?? ''} onChange={(v) => set('createdFrom', v)} testId="filter-from" />
        <span aria-hidden="true">–</span>
        <DateInput aria-label={t('filters.createdTo')} value={filters.createdTo ?? ''} onChange={(v) => set('createdTo', v)} testId="filter-to" />
      </span>
      <ReportFilterChip filters={filters} />
      {active && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            setSearchParams({ status: null, ownerId: null, departmentId: null, siteId: null, flagged: null, colour: null, q: null, createdFrom: null, createdTo: null, sort: null, segment: null, abc: null, loyalty: null, ...NO_REPORT_FILTERS }, { replace: true })
          }
        >
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

/** Search typed fast must not fire a request per key: the URL (and the query) follow 250 ms later. */
function SearchBox({ value, onChange, inputRef }: { value: string; onChange: (v: string) => void; inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => setText((t) => (t.trim() === value ? t : value)), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const t = window.setTimeout(() => latest.current(text.trim()), 250);
    return () => window.clearTimeout(t);
  }, [text, value]);
  return (
    <span className="search">
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        aria-label={t('filters.search')}
        placeholder={t('filters.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
          if (e.key === 'Enter') latest.current(text.trim());
        }}
        data-testid="search-input"
      />
    </span>
  );
}
