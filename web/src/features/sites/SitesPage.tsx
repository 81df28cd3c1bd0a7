import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, fieldError, fieldErrors } from '../../api/client.ts';
import { EditSiteDialog, SnippetDialog } from './SiteDialogs.tsx';
import { keys, useDepartments, useSites } from '../../api/hooks.ts';
import type { Locale, SiteDto, SiteWithKeyDto } from '../../api/types.ts';
import { LOCALES } from '../../../../server/api-types.ts';
import { installLocale, isLocale, LANGUAGE_NAMES } from '../../i18n/language.ts';
import { useStore } from '../../lib/store.ts';
import { Ago, DialogButtons, EditButton, Field, FormError, Loaded, Modal, Page, SimpleTable } from '../../components/ui.tsx';
import { NamedOptions } from '../../components/options.tsx';
import { toast } from '../../components/toast.ts';

export function SitesPage() {
  const { t } = useTranslation();
  const sites = useSites();
  const departments = useDepartments();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<SiteWithKeyDto | null>(null);
  const [editing, setEditing] = useState<SiteDto | null>(null);
  const [showing, setShowing] = useState<SiteDto | null>(null);
  const qc = useQueryClient();
  const rotate = useMutation({
    mutationFn: (id: number) => api.post<SiteWithKeyDto>(`/api/sites/${id}/rotate-key`),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keys.sites });
      setCreated(r);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const deptName = (id: number) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`;

  return (
    <Page
      title={t('nav.sites')}
      testId="sites-page"
      head={
        <>
          <span className="muted">{t('sites.hint')}</span>
          <span className="page-head-spacer" />
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setCreating(true)} data-testid="site-new">
            {t('sites.new')}
          </button>
        </>
      }
    >
      <div className="content-pad">
        <Loaded query={sites} isEmpty={(list) => list.length === 0} empty={t('sites.empty')}>
          {(list) => (
            <SimpleTable testId="sites-table" actions columns={[t('sites.colName'), t('sites.colDepartment'), t('sites.colKey'), t('sites.colOrigins'), t('sites.colLanguage'), t('sites.colCreated'), t('sites.colState')]}>
              {list.map((s) => (
                <tr key={s.id} data-testid={`site-row-${s.id}`}>
                  <td>
                    <strong>{s.name}</strong>
                  </td>
                  <td>{deptName(s.departmentId)}</td>
                  <td className="mono small">{s.keyPrefix}…</td>
                  <td className="small">{s.allowedOrigins.join(', ') || <span className="muted">{t('sites.any')}</span>}</td>
                  <td className="small">{s.locale ? LANGUAGE_NAMES[s.locale] : <span className="muted">{t('common.default')}</span>}</td>
                  <td className="muted">
                    <Ago iso={s.createdAt} />
                  </td>
                  <td>{s.active ? t('sites.active') : <span className="muted">{t('sites.inactive')}</span>}</td>
                  <td className="actions">
                    <EditButton name={s.name} onClick={() => setEditing(s)} />
                    <button type="button" className="btn btn-xs btn-ghost" onClick={() => setShowing(s)} data-testid={`site-snippet-${s.id}`}>
                      {t('sites.showSnippet')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-xs btn-ghost"
                      disabled={rotate.isPending}
                      data-testid={`site-rotate-${s.id}`}
                      onClick={() => window.confirm(t('sites.rotateAsk', { name: s.name })) && rotate.mutate(s.id)}
                    >
                      {t('sites.rotate')}
                    </button>
                  </td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </Loaded>
      </div>
      {creating && (
        <NewSiteDialog
          onClose={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setCreated(s);
          }}
        />
      )}
      {created && <SiteKeyDialog site={created} onClose={() => setCreated(null)} />}
      {editing && <EditSiteDialog site={editing} onClose={() => setEditing(null)} />}
      {showing && <SnippetDialog site={showing} onClose={() => setShowing(null)} copyable={(label, text, testId) => <Copyable label={label} text={text} testId={testId} />} />}
    </Page>
  );
}

function NewSiteDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (s: SiteWithKeyDto) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const departments = useDepartments();
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [origins, setOrigins] = useState('');
  const [locale, setLocale] = useState<Locale | ''>('');
  const install = useStore(installLocale);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<SiteWithKeyDto>('/api/sites', body),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keys.sites });
      onCreated(r);
    },
  });
  const fields = fieldErrors(save.error);
  const dept = departmentId || (departments.data?.[0] ? String(departments.data[0].id) : '');

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      locale: locale || null,
      name: name.trim(),
      departmentId: Number(dept),
      allowedOrigins: origins
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    });
  }

  return (
    <Modal
      title={t('sites.new')}
      onClose={onClose}
      testId="site-dialog"
      footer={
        <DialogButtons form="site-form" onCancel={onClose} busy={save.isPending} disabled={!dept} testId="site-save">
          {t('sites.create')}
        </DialogButtons>
      }
    >
      <form id="site-form" className="form-stack" onSubmit={submit}>
        <Field label={t('sites.name')} error={fields.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="example.com" data-testid="site-name" />
        </Field>
        <Field label={t('sites.department')} error={fields.departmentId}>
          <select value={dept} onChange={(e) => setDepartmentId(e.target.value)} data-testid="site-department">
            <NamedOptions items={departments.data} />
          </select>
        </Field>
        <Field label={t('sites.origins')} hint={t('sites.originsHint')} error={fieldError(fields, 'allowedOrigins')}>
          <textarea rows={2} value={origins} onChange={(e) => setOrigins(e.target.value)} data-testid="site-origins" />
        </Field>
        <Field label={t('sites.language')}>
          <select value={locale} onChange={(e) => setLocale(isLocale(e.target.value) ? e.target.value : '')} data-testid="site-language">
            <option value="">{t('sites.languageDefault', { language: install ? LANGUAGE_NAMES[install] : '—' })}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
        <FormError error={save.error} fields={fields} />
      </form>
    </Modal>
  );
}

function Copyable({ label, text, testId }: { label: string; text: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="copyable">
      <div className="copyable-head">
        <span className="field-label">{label}</span>
        <button
          type="button"
          className="btn btn-xs"
          onClick={() => void navigator.clipboard?.writeText(text).then(() => toast(t('sites.copied', { label }), 'success'), () => toast(t('sites.copyFailed'), 'error'))}
          data-testid={`copy-${testId}`}
        >
          {t('common.copy')}
        </button>
      </div>
      <pre data-testid={`snippet-${testId}`}>{text}</pre>
    </div>
  );
}

/** The key is shown this once: the server keeps only its hash. */
function SiteKeyDialog({ site, onClose }: { site: SiteWithKeyDto; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('sites.createdTitle', { name: site.site.name })}
      onClose={onClose}
      testId="site-key-dialog"
      wide
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('sites.keySaved')}
        </button>
      }
    >
      <p className="banner banner-warn">{t('sites.keyOnce')}</p>
      <Copyable label={t('sites.key')} text={site.key} testId="key" />
      <Copyable label={t('sites.html')} text={site.snippet.html} testId="html" />
      <Copyable label={t('sites.fetch')} text={site.snippet.fetch} testId="fetch" />
    </Modal>
  );
}
