import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, fieldError, fieldErrors } from '../../api/client.ts';
import { keys, useDepartments, useSites } from '../../api/hooks.ts';
import type { SiteWithKeyDto } from '../../api/types.ts';
import { Ago, DialogButtons, Field, FormError, Loaded, Modal, Page, SimpleTable } from '../../components/ui.tsx';
import { NamedOptions } from '../../components/options.tsx';
import { toast } from '../../components/toast.ts';

export function SitesPage() {
  const sites = useSites();
  const departments = useDepartments();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<SiteWithKeyDto | null>(null);
  const deptName = (id: number) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`;

  return (
    <Page
      title="Sites"
      testId="sites-page"
      head={
        <>
          <span className="muted">Websites that send leads</span>
          <span className="page-head-spacer" />
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setCreating(true)} data-testid="site-new">
            New site
          </button>
        </>
      }
    >
      <div className="content-pad">
        <Loaded query={sites} isEmpty={(list) => list.length === 0} empty="No sites yet. Add one to get its key and a form to paste into the website.">
          {(list) => (
            <SimpleTable testId="sites-table" columns={['Name', 'Department', 'Key', 'Allowed origins', 'Created', 'State']}>
              {list.map((s) => (
                <tr key={s.id} data-testid={`site-row-${s.id}`}>
                  <td>
                    <strong>{s.name}</strong>
                  </td>
                  <td>{deptName(s.departmentId)}</td>
                  <td className="mono small">{s.keyPrefix}…</td>
                  <td className="small">{s.allowedOrigins.join(', ') || <span className="muted">any</span>}</td>
                  <td className="muted">
                    <Ago iso={s.createdAt} />
                  </td>
                  <td>{s.active ? 'Active' : <span className="muted">Inactive</span>}</td>
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
    </Page>
  );
}

function NewSiteDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (s: SiteWithKeyDto) => void }) {
  const qc = useQueryClient();
  const departments = useDepartments();
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [origins, setOrigins] = useState('');
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
      title="New site"
      onClose={onClose}
      testId="site-dialog"
      footer={
        <DialogButtons form="site-form" onCancel={onClose} busy={save.isPending} disabled={!dept} testId="site-save">
          Create site
        </DialogButtons>
      }
    >
      <form id="site-form" className="form-stack" onSubmit={submit}>
        <Field label="Name" error={fields.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="example.com" data-testid="site-name" />
        </Field>
        <Field label="Department that receives its leads" error={fields.departmentId}>
          <select value={dept} onChange={(e) => setDepartmentId(e.target.value)} data-testid="site-department">
            <NamedOptions items={departments.data} />
          </select>
        </Field>
        <Field label="Allowed origins" hint="For browser posts (CORS), e.g. https://example.com; one per line. A plain HTML form needs none." error={fieldError(fields, 'allowedOrigins')}>
          <textarea rows={2} value={origins} onChange={(e) => setOrigins(e.target.value)} data-testid="site-origins" />
        </Field>
        <FormError error={save.error} fields={fields} />
      </form>
    </Modal>
  );
}

function Copyable({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <div className="copyable">
      <div className="copyable-head">
        <span className="field-label">{label}</span>
        <button
          type="button"
          className="btn btn-xs"
          onClick={() => void navigator.clipboard?.writeText(text).then(() => toast(`${label} copied`, 'success'), () => toast('Copy failed: select the text and copy it', 'error'))}
          data-testid={`copy-${testId}`}
        >
          Copy
        </button>
      </div>
      <pre data-testid={`snippet-${testId}`}>{text}</pre>
    </div>
  );
}

/** The key is shown this once: the server keeps only its hash. */
function SiteKeyDialog({ site, onClose }: { site: SiteWithKeyDto; onClose: () => void }) {
  return (
    <Modal
      title={`Site ${site.site.name} created`}
      onClose={onClose}
      testId="site-key-dialog"
      wide
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          I have saved the key
        </button>
      }
    >
      <p className="banner banner-warn">This key is shown only once. Copy it now; if it is lost, create a new site.</p>
      <Copyable label="Site key" text={site.key} testId="key" />
      <Copyable label="HTML form" text={site.snippet.html} testId="html" />
      <Copyable label="JavaScript (fetch)" text={site.snippet.fetch} testId="fetch" />
    </Modal>
  );
}
