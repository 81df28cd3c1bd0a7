import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage, fieldError } from '../../api/client.ts';
import { keys, useDepartments, useSites } from '../../api/hooks.ts';
import type { CreatedSite } from '../../api/types.ts';
import { Ago, Empty, Field, Modal, Spinner } from '../../components/ui.tsx';
import { toast } from '../../components/toast.ts';

export function SitesPage() {
  const sites = useSites();
  const departments = useDepartments();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedSite | null>(null);
  const deptName = (id: number) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`;

  return (
    <section className="content-page" aria-labelledby="page-title" data-testid="sites-page">
      <div className="page-head">
        <h1 id="page-title">Sites</h1>
        <span className="muted">Websites that send leads</span>
        <span className="page-head-spacer" />
        <button type="button" className="btn btn-sm btn-primary" onClick={() => setCreating(true)} data-testid="site-new">
          New site
        </button>
      </div>
      <div className="content-pad">
        {sites.isPending ? (
          <Spinner />
        ) : sites.isError ? (
          <Empty>{errorMessage(sites.error)}</Empty>
        ) : sites.data.length === 0 ? (
          <Empty>No sites yet. Add one to get its key and a form to paste into the website.</Empty>
        ) : (
          <table className="simple-table" data-testid="sites-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Department</th>
                <th>Key</th>
                <th>Allowed origins</th>
                <th>Created</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {sites.data.map((s) => (
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
            </tbody>
          </table>
        )}
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
    </section>
  );
}

function NewSiteDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (s: CreatedSite) => void }) {
  const qc = useQueryClient();
  const departments = useDepartments();
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [origins, setOrigins] = useState('');
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<CreatedSite>('/api/sites', body),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keys.sites });
      onCreated(r);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fields : {};
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
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="site-form" className="btn btn-primary" disabled={save.isPending || !dept} data-testid="site-save">
            Create site
          </button>
        </>
      }
    >
      <form id="site-form" className="form-stack" onSubmit={submit}>
        <Field label="Name" error={fields.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="example.com" data-testid="site-name" />
        </Field>
        <Field label="Department that receives its leads" error={fields.departmentId}>
          <select value={dept} onChange={(e) => setDepartmentId(e.target.value)} data-testid="site-department">
            {(departments.data ?? []).map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Allowed origins" hint="For browser posts (CORS), e.g. https://example.com; one per line. A plain HTML form needs none." error={fieldError(fields, 'allowedOrigins')}>
          <textarea rows={2} value={origins} onChange={(e) => setOrigins(e.target.value)} data-testid="site-origins" />
        </Field>
        {save.error && !Object.keys(fields).length && (
          <p className="form-error" role="alert">
            {save.error.message}
          </p>
        )}
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
function SiteKeyDialog({ site, onClose }: { site: CreatedSite; onClose: () => void }) {
  return (
    <Modal
      title={`Site ${site.site?.name ?? ''} created`}
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
      {site.snippet?.html && <Copyable label="HTML form" text={site.snippet.html} testId="html" />}
      {site.snippet?.fetch && <Copyable label="JavaScript (fetch)" text={site.snippet.fetch} testId="fetch" />}
    </Modal>
  );
}
