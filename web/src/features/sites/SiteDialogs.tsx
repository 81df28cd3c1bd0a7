import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fieldError, fieldErrors } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import type { SiteDto } from '../../api/types.ts';
import { Field, FormDialog, FormError, Modal, Spinner } from '../../components/ui.tsx';
import { toast } from '../../components/toast.ts';

/** A site's name, allowed origins and on/off, changed after it was made (PATCH /api/sites/:id). */
export function EditSiteDialog({ site, onClose }: { site: SiteDto; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(site.name);
  const [origins, setOrigins] = useState(site.allowedOrigins.join('\n'));
  const [active, setActive] = useState(site.active);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch(`/api/sites/${site.id}`, body),
    onSuccess: () => {
      toast(t('sites.saved'), 'success');
      void qc.invalidateQueries({ queryKey: keys.sites });
      onClose();
    },
  });
  const fields = fieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ name: name.trim(), active, allowedOrigins: origins.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean) });
  }
  return (
    <FormDialog name="site-edit" title={t('sites.editTitle', { name: site.name })} busy={save.isPending} onClose={onClose} onSubmit={submit}>
      <Field label={t('sites.name')} error={fields.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="site-edit-name" />
      </Field>
      <Field label={t('sites.origins')} hint={t('sites.originsHint')} error={fieldError(fields, 'allowedOrigins')}>
        <textarea rows={2} value={origins} onChange={(e) => setOrigins(e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="site-edit-active" />
        {t('sites.activeHint')}
      </label>
      <FormError error={save.error} fields={fields} />
    </FormDialog>
  );
}

/** The form and fetch code again, with the key's first characters where the key goes (GET /api/sites/:id/snippet). */
export function SnippetDialog({ site, onClose, copyable }: { site: SiteDto; onClose: () => void; copyable: (label: string, text: string, testId: string) => React.ReactNode }) {
  const { t } = useTranslation();
  const snippet = useQuery({ queryKey: ['site-snippet', site.id], queryFn: () => api.get<{ snippet: { html: string; fetch: string } }>(`/api/sites/${site.id}/snippet`) });
  return (
    <Modal title={t('sites.snippetTitle', { name: site.name })} onClose={onClose} testId="site-snippet-dialog" wide>
      <p className="banner">{t('sites.snippetKeyNote', { prefix: site.keyPrefix })}</p>
      {snippet.data ? (
        <>
          {copyable(t('sites.html'), snippet.data.snippet.html, 'again-html')}
          {copyable(t('sites.fetch'), snippet.data.snippet.fetch, 'again-fetch')}
        </>
      ) : (
        <Spinner />
      )}
    </Modal>
  );
}
