import { useRef, useState, type FormEvent } from 'react';
import { useAddComment, useAddReminder, usePatchReminder, useUploadFile } from '../../api/mutations.ts';
import type { AttachmentDto, CommentDto, ReminderDto } from '../../api/types.ts';
import { Ago, Empty } from '../../components/ui.tsx';
import { dateTime, toLocalInput } from '../../lib/time.ts';

export function Comments({ leadId, comments }: { leadId: number; comments: CommentDto[] }) {
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
          placeholder="Add a comment — Ctrl+Enter to send"
          aria-label="Comment"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
          data-testid="comment-input"
        />
        <button type="submit" className="btn btn-sm btn-primary" disabled={!text.trim() || add.isPending} data-testid="comment-submit">
          Comment
        </button>
      </form>
      {sorted.length === 0 && <Empty>No comments yet.</Empty>}
      <ul className="feed">
        {sorted.map((c) => (
          <li key={c.id} className="feed-item" data-testid={`comment-${c.id}`}>
            <div className="feed-meta">
              <strong>{c.authorName ?? 'System'}</strong> <Ago iso={c.createdAt} />
            </div>
            <div className="prewrap">{c.text}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function Files({ leadId, files }: { leadId: number; files: AttachmentDto[] }) {
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
        <span>{upload.isPending ? 'Uploading…' : 'Drop files here or'}</span>
        <button type="button" className="btn btn-sm" onClick={() => input.current?.click()} disabled={upload.isPending}>
          Choose file
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Attach file"
          data-testid="file-input"
          onChange={(e) => {
            send(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {files.length === 0 && <Empty>No files.</Empty>}
      <ul className="file-list">
        {files.map((f) => (
          <li key={f.id} data-testid={`file-${f.id}`}>
            <a href={f.url} download={f.fileName} className="file-name">
              {f.fileName}
            </a>
            <span className="muted small">{size(f.size)}</span>
            <span className="muted small">
              {f.uploaderName ?? '—'} · <Ago iso={f.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const QUICK: { label: string; at: () => Date }[] = [
  { label: 'In 1 hour', at: () => new Date(Date.now() + 3600_000) },
  {
    label: 'Tomorrow 10:00',
    at: () => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      d.setHours(10, 0, 0, 0);
      return d;
    },
  },
  {
    label: 'Next Monday',
    at: () => {
      const d = new Date();
      d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
      d.setHours(10, 0, 0, 0);
      return d;
    },
  },
];

export function Reminders({ leadId, reminders }: { leadId: number; reminders: ReminderDto[] }) {
  const [at, setAt] = useState(() => toLocalInput(new Date(Date.now() + 3600_000)));
  const [text, setText] = useState('');
  const add = useAddReminder();
  const patch = usePatchReminder();
  function submit(e: FormEvent) {
    e.preventDefault();
    const when = new Date(at);
    if (Number.isNaN(when.getTime())) return;
    add.mutate({ leadId, at: when.toISOString(), text: text.trim() || 'Call back' }, { onSuccess: () => setText('') });
  }
  const sorted = [...reminders].sort((a, b) => Number(!!a.doneAt) - Number(!!b.doneAt) || a.dueAt.localeCompare(b.dueAt));
  return (
    <div className="activity" data-testid="reminders">
      <form className="reminder-form" onSubmit={submit} aria-label="New reminder">
        <input type="datetime-local" aria-label="Remind at" value={at} onChange={(e) => setAt(e.target.value)} required data-testid="reminder-at" />
        <input placeholder="What to do (e.g. call back about the offer)" aria-label="Reminder text" value={text} onChange={(e) => setText(e.target.value)} data-testid="reminder-text" />
        <button type="submit" className="btn btn-sm btn-primary" disabled={add.isPending} data-testid="reminder-submit">
          Set reminder
        </button>
      </form>
      <div className="quick-picks">
        {QUICK.map((q) => (
          <button key={q.label} type="button" className="btn btn-xs btn-ghost" onClick={() => setAt(toLocalInput(q.at()))}>
            {q.label}
          </button>
        ))}
      </div>
      {sorted.length === 0 && <Empty>No reminders.</Empty>}
      <ul className="feed">
        {sorted.map((r) => (
          <li key={r.id} className={`feed-item reminder-item${r.doneAt ? ' done' : ''}`} data-testid={`reminder-${r.id}`}>
            <div className="feed-meta">
              <strong>{dateTime(r.dueAt)}</strong>
              {r.kind === 'missed_call' && <span className="badge badge-warn">Missed call</span>}
              {r.doneAt ? <span className="muted small">done</span> : Date.parse(r.dueAt) <= Date.now() && <span className="badge badge-warn">due</span>}
            </div>
            <div className="reminder-line">
              <span className="prewrap">{r.text}</span>
              {!r.doneAt && (
                <button type="button" className="btn btn-xs" onClick={() => patch.mutate({ id: r.id, change: { done: true } })}>
                  Done
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
