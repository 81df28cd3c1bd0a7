import { useEffect, useRef, useState, type RefObject } from 'react';
import type { LeadFilters } from '../../api/filters.ts';
import { useDepartments, useSites, useUsers } from '../../api/hooks.ts';
import { COLOURS } from '../../api/labels.ts';
import type { Me } from '../../api/types.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { NamedOptions, StatusOptions } from '../../components/options.tsx';

/** The list/board filters; every change goes into the URL, so a filtered view can be bookmarked or shared. */
export function FilterBar({ me, filters, searchRef }: { me: Me; filters: LeadFilters; searchRef: RefObject<HTMLInputElement | null> }) {
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
      <select aria-label="Status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)} data-testid="filter-status">
        <option value="">Any status</option>
        <option value="open">Open</option>
        <option value="closed">Closed</option>
        <StatusOptions />
      </select>
      {canSeeOthers && (
        <select aria-label="Owner" value={filters.ownerId ?? ''} onChange={(e) => set('ownerId', e.target.value)} data-testid="filter-owner">
          <option value="">Any owner</option>
          <option value="unassigned">Unassigned</option>
          <NamedOptions items={owners} />
        </select>
      )}
      {me.can.allDepartments && (
        <select aria-label="Department" value={filters.departmentId ?? ''} onChange={(e) => set('departmentId', e.target.value)} data-testid="filter-department">
          <option value="">All departments</option>
          <NamedOptions items={departments.data} />
        </select>
      )}
      {canSeeOthers && (sites.data?.length ?? 0) > 0 && (
        <select aria-label="Site" value={filters.siteId ?? ''} onChange={(e) => set('siteId', e.target.value)} data-testid="filter-site">
          <option value="">Any source</option>
          <NamedOptions items={sites.data} />
        </select>
      )}
      <select aria-label="Colour" value={filters.colour ?? ''} onChange={(e) => set('colour', e.target.value)} data-testid="filter-colour">
        <option value="">Any colour</option>
        {COLOURS.map((c) => (
          <option key={c} value={c}>
            {c[0]!.toUpperCase() + c.slice(1)}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={filters.flagged === 'true'} onChange={(e) => set('flagged', e.target.checked ? 'true' : '')} data-testid="filter-flagged" />
        Flagged
      </label>
      <span className="date-range">
        <input type="date" aria-label="Created from" value={filters.createdFrom ?? ''} onChange={(e) => set('createdFrom', e.target.value)} data-testid="filter-from" />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label="Created to" value={filters.createdTo ?? ''} onChange={(e) => set('createdTo', e.target.value)} data-testid="filter-to" />
      </span>
      {active && (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => setSearchParams({ status: null, ownerId: null, departmentId: null, siteId: null, flagged: null, colour: null, q: null, createdFrom: null, createdTo: null }, { replace: true })}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

/** Search typed fast must not fire a request per key: the URL (and the query) follow 250 ms later. */
function SearchBox({ value, onChange, inputRef }: { value: string; onChange: (v: string) => void; inputRef: RefObject<HTMLInputElement | null> }) {
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
        aria-label="Search leads"
        placeholder="Search name, phone, e-mail, company"
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
