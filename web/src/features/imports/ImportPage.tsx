import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDryRunDto, ImportMappingDto, ImportProblemDto, ImportReportDto, ImportUploadDto } from '../../../../server/api-types.ts';
import { api, errorMessage } from '../../api/client.ts';
import { useDepartments } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';
import { Page, Spinner } from '../../components/ui.tsx';
import { useStore } from '../../lib/store.ts';
import { importProgress } from './import-progress.ts';
import { MappingTable } from './MappingTable.tsx';
import { ExportLinks } from '../leads/ExportLinks.tsx';

const SHOWN_PROBLEMS = 200;

/** Import a client list: upload → check the guessed mapping on the first lines → dry run → run with live progress → report. */
export function ImportPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const departments = useDepartments(me.can.allDepartments);
  const [upload, setUpload] = useState<ImportUploadDto | null>(null);
  const [mapping, setMapping] = useState<ImportMappingDto>({});
  const [departmentId, setDepartmentId] = useState('');
  const [dry, setDry] = useState<ImportDryRunDto | null>(null);
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [running, setRunning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const progress = useStore(importProgress);
  const live = upload && progress?.id === upload.id ? progress : null;

  const target = () => ({ mapping, ...(me.can.allDepartments && departmentId ? { departmentId: Number(departmentId) } : {}) });
  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const send = (file: File) =>
    act(async () => {
      const form = new FormData();
      form.append('file', file);
      const up = await api.post<ImportUploadDto>('/api/imports', form);
      setUpload(up);
      setMapping(up.guessedMapping);
      setDry(null);
      setReport(null);
    });

  // The report, once the run ends (heard live, or asked every two seconds in case the socket is away).
  useEffect(() => {
    if (!running || !upload) return;
    let stop = false;
    const check = async () => {
      const r = await api.get<ImportReportDto>(`/api/imports/${upload.id}`).catch(() => null);
      if (!stop && r && (r.status === 'done' || r.status === 'failed')) {
        setReport(r);
        setRunning(false);
      }
    };
    if (live && live.status !== 'running') void check();
    const timer = setInterval(() => void check(), 2000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [running, upload, live]);

  return (
    <Page title={t('imports.title')} testId="import-page">
      <div className="content-pad">
        <p className="muted">{t('imports.hint')}</p>
        <div className="import-step">
          <label className="btn btn-sm">
            {upload ? t('imports.otherFile') : t('imports.chooseFile')}
            <input type="file" accept=".xlsx,.csv,.txt,.tsv" hidden disabled={busy || running} onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])} data-testid="import-file" />
          </label>
          {upload && <span className="muted">{t('imports.rows', { count: upload.rows })}</span>}
          {busy && <Spinner />}
        </div>
        {error && (
          <div className="form-error" role="alert" data-testid="import-error">
            {error}
          </div>
        )}
        {upload && !report && (
          <>
            <h2>{t('imports.mappingTitle')}</h2>
            <p className="muted small">{t('imports.mappingHint')}</p>
            <MappingTable upload={upload} mapping={mapping} onChange={(m) => (setMapping(m), setDry(null))} />
            {me.can.allDepartments && (
              <label className="field">
                <span>{t('imports.department')}</span>
                <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} data-testid="import-department">
                  <option value="">{t('imports.chooseDepartment')}</option>
                  {(departments.data ?? []).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="import-step">
              <button type="button" className="btn btn-sm" disabled={busy || running} onClick={() => void act(async () => setDry(await api.post<ImportDryRunDto>(`/api/imports/${upload.id}/dry-run`, target())))} data-testid="import-dry-run">
                {t('imports.dryRun')}
              </button>
              <button
                type="button"
                className="btn btn-sm btn-primary"
                disabled={busy || running || !dry}
                onClick={() =>
                  void act(async () => {
                    importProgress.set(null);
                    await api.post(`/api/imports/${upload.id}/run`, target());
                    setRunning(true);
                  })
                }
                data-testid="import-run"
              >
                {t('imports.run')}
              </button>
            </div>
            {dry && (
              <section data-testid="import-dry-result">
                <p>{t('imports.dryResult', { created: dry.created, updated: dry.updated, skipped: dry.skipped })}</p>
                <Problems problems={dry.problems} />
              </section>
            )}
            {running && (
              <div className="import-step" data-testid="import-progress">
                <progress max={live?.total ?? upload.rows} value={live?.done ?? 0} />
                <span>{t('imports.progress', { done: live?.done ?? 0, total: live?.total ?? upload.rows })}</span>
              </div>
            )}
          </>
        )}
        {report && (
          <section data-testid="import-report">
            <h2>{report.status === 'done' ? t('imports.done') : t('imports.failed', { done: report.done })}</h2>
            <p>{t('imports.reportCounts', { created: report.created, updated: report.updated, skipped: report.skipped })}</p>
            {report.problems.length > 0 && (
              <a className="btn btn-sm btn-ghost" href={`/api/imports/${report.id}/problems?format=csv`} download data-testid="import-problems-csv">
                {t('imports.problemsCsv')}
              </a>
            )}
            <ExportLinks filters={{}} path="/api/clients/export" />
            <Problems problems={report.problems} />
          </section>
        )}
      </div>
    </Page>
  );
}

function Problems({ problems }: { problems: ImportProblemDto[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return <p className="muted">{t('imports.noProblems')}</p>;
  return (
    <>
      <table className="simple-table" data-testid="import-problems">
        <thead>
          <tr>
            <th>{t('imports.row')}</th>
            <th>{t('imports.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
            <tr key={i} className={p.skipped ? 'import-skipped' : ''}>
              <td className="nowrap">{p.row}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > SHOWN_PROBLEMS && <p className="muted small">{t('imports.moreProblems', { count: problems.length - SHOWN_PROBLEMS })}</p>}
    </>
  );
}
