import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddComment, useAddReminder, useUploadFile } from '../../api/mutations.ts';
import { DateTimeInput } from '../../components/DateInputs.tsx';
import { toLocalDateTime } from '../../i18n/date-text.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { inAnHour, nextMondayAtTen, tomorrowAtTen } from '../reminders/presets.ts';

export type ComposerMode = 'comment' | 'file' | 'reminder';

/** One place to add to a lead's timeline: a comment, a file or a callback reminder (the mode the top bar may set). */
export function Composer({ leadId, mode, onMode }: { leadId: number; mode: ComposerMode; onMode: (m: ComposerMode) => void }) {
  const { t } = useTranslation();
  const modes: { id: ComposerMode; label: string }[] = [
    { id: 'comment', label: t('timeline.modeComment') },
    { id: 'file', label: t('timeline.modeFile') },
    { id: 'reminder', label: t('timeline.modeReminder') },
  ];
  return (
    <div className="composer-box" data-testid="composer">
      <div className="composer-modes" role="tablist" aria-label={t('timeline.composer')}>
        {modes.map((m) => (
          <button key={m.id} type="button" role="tab" aria-selected={mode === m.id} className="composer-mode" data-testid={`composer-mode-${m.id}`} onClick={() => onMode(m.id)}>
            {m.label}
          </button>
        ))}
      </div>
      {mode === 'comment' && <CommentForm leadId={leadId} />}
      {mode === 'file' && <FileDrop leadId={leadId} />}
      {mode === 'reminder' && <ReminderForm leadId={leadId} />}
    </div>
  );
}

function CommentForm({ leadId }: { leadId: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = useAddComment();
  function submit(e?: FormEvent) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    add.mutate({ leadId, value }, { onSuccess: () => setText('') });
  }
  return (
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
  );
}

function FileDrop({ leadId }: { leadId: number }) {
  const { t } = useTranslation();
  const upload = useUploadFile();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const send = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) upload.mutate({ leadId, value: file });
  };
  return (
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
  );
}

function ReminderForm({ leadId }: { leadId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [at, setAt] = useState(() => toLocalDateTime(inAnHour()));
  const [text, setText] = useState('');
  const add = useAddReminder();
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
  return (
    <div>
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
    </div>
  );
}
