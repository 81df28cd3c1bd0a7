import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddComment, useAddReminder, usePatchReminder, useUploadFile } from '../../api/mutations.ts';
import type { AttachmentDto, CommentDto, ReminderDto } from '../../api/types.ts';
import { Ago, Empty } from '../../components/ui.tsx';
import { DateTimeInput } from '../../components/DateInputs.tsx';
import { toLocalDateTime } from '../../i18n/date-text.ts';
import { useFormat } from '../../i18n/hooks.ts';

export function Comments({ leadId, comments }: { leadId: number; comments: CommentDto[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = useAddComment();
  function submit(e?: FormEvent) {
    e?.preventDefault();
    const t = text.trim();
    if (!t) return;
    add.mutate({ leadId, value: t }, { onSuccess: () => setText('') });
  }
  const sorted = [...comments].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className="activity" data-testid="comments">
      <form className="composer" onSubmit={submit}>
        <textarea
          rows={2}
          placeholder={t('comments.placeholder')}
          aria-label={t('comments.label')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
          data-testid="comment-input"
        />
        <button type="submit" className="btn btn-sm btn-primary" disabled={!text.trim() || add.isPending} data-testid="comment-submit">
          {t('comments.submit')}
        </button>
      </form>
      {sorted.length === 0 && <Empty>{t('comments.empty')}</Empty>}
      <ul className="feed">
        {sorted.map((c) => (
          <li key={c.id} className="feed-item" data-testid={`comment-${c.id}`}>
            <div className="feed-meta">
              <strong>{c.authorName ?? t('common.system')}</strong> <Ago iso={c.createdAt} />
            </div>
            <div className="prewrap">{c.text}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Files({ leadId, files }: { leadId: number; files: AttachmentDto[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const upload = useUploadFile();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const send = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) upload.mutate({ leadId, value: file });
  };
  return (
    <div className="activity" data-testid="files">
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          send(e.dataTransfer.files);
        }}
        data-testid="file-dropzone"
      >
        <span>{upload.isPending ? t('files.uploading') : t('files.drop')}</span>
        <button type="button" className="btn btn-sm" onClick={() => input.current?.click()} disabled={upload.isPending}>
          {t('files.choose')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label={t('files.attach')}
          data-testid="file-input"
          onChange={(e) => {
            send(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {files.length === 0 && <Empty>{t('files.empty')}</Empty>}
      <ul className="file-list">
        {files.map((file) => (
          <li key={file.id} data-testid={`file-${file.id}`}>
            <a href={file.url} download={file.fileName} className="file-name">
              {file.fileName}
            </a>
            <span className="muted small">{f.fileSize(file.size)}</span>
            <span className="muted small">
              {file.uploaderName ?? '—'} · <Ago iso={file.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const inAnHour = () => new Date(Date.now() + 3600_000);
const tomorrowAtTen = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d;
};
const nextMondayAtTen = () => {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  d.setHours(10, 0, 0, 0);
  return d;
};

export function Reminders({ leadId, reminders }: { leadId: number; reminders: ReminderDto[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [at, setAt] = useState(() => toLocalDateTime(inAnHour()));
  const [text, setText] = useState('');
  const add = useAddReminder();
  const patch = usePatchReminder();
  const ten = f.time(tomorrowAtTen());
  const quick = [
    { label: t('reminders.inHour'), at: inAnHour },
    { label: t('reminders.tomorrow', { time: ten }), at: tomorrowAtTen },
    { label: t('reminders.nextMonday', { time: ten }), at: nextMondayAtTen },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const when = new Date(at);
    if (!at || Number.isNaN(when.getTime())) return;
    add.mutate({ leadId, at: when.toISOString(), text: text.trim() || t('reminders.defaultText') }, { onSuccess: () => setText('') });
  }
  const sorted = [...reminders].sort((a, b) => Number(!!a.doneAt) - Number(!!b.doneAt) || a.dueAt.localeCompare(b.dueAt));
  return (
    <div className="activity" data-testid="reminders">
      <form className="reminder-form" onSubmit={submit} aria-label={t('reminders.form')}>
        <DateTimeInput label={t('reminders.at')} value={at} onChange={setAt} required testId="reminder-at" />
        <input className="reminder-text" placeholder={t('reminders.placeholder')} aria-label={t('reminders.text')} value={text} onChange={(e) => setText(e.target.value)} data-testid="reminder-text" />
        <button type="submit" className="btn btn-sm btn-primary" disabled={add.isPending} data-testid="reminder-submit">
          {t('reminders.submit')}
        </button>
      </form>
      <div className="quick-picks">
        {quick.map((q) => (
          <button key={q.label} type="button" className="btn btn-xs btn-ghost" onClick={() => setAt(toLocalDateTime(q.at()))}>
            {q.label}
          </button>
        ))}
      </div>
      {sorted.length === 0 && <Empty>{t('reminders.empty')}</Empty>}
      <ul className="feed">
        {sorted.map((r) => (
          <li key={r.id} className={`feed-item reminder-item${r.doneAt ? ' done' : ''}`} data-testid={`reminder-${r.id}`}>
            <div className="feed-meta">
              <strong>{f.dateTime(r.dueAt)}</strong>
              {r.kind === 'missed_call' && <span className="badge badge-warn">{t('reminders.missedCall')}</span>}
              {r.kind === 'speed_to_lead' && <span className="badge badge-warn">{t('reminders.speedToLead')}</span>}
              {r.doneAt ? <span className="muted small">{t('reminders.stateDone')}</span> : Date.parse(r.dueAt) <= Date.now() && <span className="badge badge-warn">{t('reminders.due')}</span>}
            </div>
            <div className="reminder-line">
              <span className="prewrap">{r.text}</span>
              {!r.doneAt && (
                <button type="button" className="btn btn-xs" onClick={() => patch.mutate({ id: r.id, change: { done: true } })}>
                  {t('common.done')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
