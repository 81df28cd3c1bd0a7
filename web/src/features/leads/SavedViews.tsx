import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, fieldErrors } from '../../api/client.ts';
import type { SavedViewDto } from '../../api/types.ts';
import { toast } from '../../components/toast.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useOutsideClick } from '../../lib/outside-click.ts';

const VIEWS = ['views'] as const;

/** The list's current filters and order, as a view keeps them (without the open card). */
function currentQuery(search: URLSearchParams): string {
  const q = new URLSearchParams(search);
  q.delete('lead');
  return q.toString();
}

/** A person's saved views of the lead list: open one, save the current filters and order under a name, delete. */
export function SavedViews() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { search } = useLocation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useOutsideClick(box, open, () => setOpen(false));
  const views = useQuery({ queryKey: VIEWS, queryFn: () => api.get<{ items: SavedViewDto[] }>('/api/views'), staleTime: 60_000 });
  const save = useMutation({
    mutationFn: (body: { name: string; query: string }) => api.post<{ view: SavedViewDto }>('/api/views', body),
    onSuccess: () => {
      toast(t('views.saved'), 'success');
      setName('');
      void qc.invalidateQueries({ queryKey: VIEWS });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del(`/api/views/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: VIEWS }),
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const here = currentQuery(search);
  const active = views.data?.items.find((v) => v.query === here);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim()) save.mutate({ name: name.trim(), query: here });
  }

  return (
    <div className="popover-anchor" ref={box}>
      <button type="button" className="btn btn-sm" aria-haspopup="true" aria-expanded={open} data-testid="views-button" onClick={() => setOpen((v) => !v)}>
        {active ? active.name : t('views.title')} ▾
      </button>
      {open && (
        <div className="popover menu views-menu" data-testid="views-menu">
          {(views.data?.items ?? []).map((v) => (
            <div key={v.id} className={`view-row${v === active ? ' on' : ''}`}>
              <button
                type="button"
                className="menu-item"
                data-testid={`view-${v.name}`}
                onClick={() => {
                  setOpen(false);
                  navigate(`/leads${v.query ? `?${v.query}` : ''}`);
                }}
              >
                {v.name}
              </button>
              <button type="button" className="icon-btn" aria-label={t('views.delete', { name: v.name })} onClick={() => remove.mutate(v.id)}>
                ×
              </button>
            </div>
          ))}
          {views.data?.items.length === 0 && <div className="muted small pad-6">{t('views.none')}</div>}
          <form className="view-save" onSubmit={submit}>
            <input value={name} maxLength={80} placeholder={t('views.namePlaceholder')} aria-label={t('views.name')} onChange={(e) => setName(e.target.value)} data-testid="view-name" />
            <button type="submit" className="btn btn-sm btn-primary" disabled={!name.trim() || save.isPending} data-testid="view-save">
              {t('views.save')}
            </button>
          </form>
          {fieldErrors(save.error).name && <div className="field-error small">{fieldErrors(save.error).name}</div>}
        </div>
      )}
    </div>
  );
}
