import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/hooks.ts';
import { datePattern, formatDateText, formatTimeText, parseDateText, parseTimeText, timePattern, typed, type TextPattern } from '../i18n/date-text.ts';

/**
 * Date and time fields in the language on screen (`дд.мм.гггг`, `dd/mm/yyyy`, `чч:мм`), not the browser's:
 * plain text inputs that take digits (the separators come by themselves), keep ISO values for the API and say
 * so, next to the field, when the text is not a date.
 */

interface Spec {
  pattern: TextPattern;
  parse: (text: string, pattern: TextPattern) => string | null | '';
  format: (value: string, pattern: TextPattern) => string;
  placeholder: string;
  invalid: string;
  className: string;
}

interface InputProps {
  /** ISO value (`2026-11-29` or `14:05`), '' for none. */
  value: string;
  /** Called with a valid ISO value or '' (cleared); never with text that is not a date. */
  onChange: (value: string) => void;
  'aria-label'?: string;
  testId?: string;
  required?: boolean;
  autoFocus?: boolean;
}

function TextField({ spec, value, onChange, 'aria-label': label, testId, required, autoFocus }: InputProps & { spec: Spec }) {
  const [text, setText] = useState(() => spec.format(value, spec.pattern));
  const [touched, setTouched] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const before = useRef(spec);
  const invalid = spec.parse(text, spec.pattern) === null;
  const showError = invalid && touched;

  // Follow a value set from outside (a quick pick, "clear filters") and rewrite the text in a new language.
  useEffect(() => {
    const was = before.current;
    before.current = spec;
    setText((t) => {
      const parsed = was.parse(t, was.pattern);
      if (was === spec && parsed === value) return t;
      if (was !== spec && parsed === null) return t;
      return spec.format(value, spec.pattern);
    });
  }, [value, spec]);

  // The form cannot be sent with text that is not a date; the browser takes the person to the field.
  useEffect(() => {
    ref.current?.setCustomValidity(invalid ? spec.invalid : '');
  }, [invalid, spec.invalid]);

  return (
    <span className={`text-date${showError ? ' has-error' : ''}`}>
      <input
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className={spec.className}
        placeholder={spec.placeholder}
        value={text}
        required={required}
        autoFocus={autoFocus}
        aria-label={label}
        aria-invalid={showError || undefined}
        aria-describedby={showError ? errorId : undefined}
        data-testid={testId}
        onChange={(e) => {
          const next = typed(text, e.target.value, spec.pattern);
          setText(next);
          const parsed = spec.parse(next, spec.pattern);
          if (parsed !== null && parsed !== value) onChange(parsed);
          if (parsed !== null) setTouched(false);
        }}
        onBlur={() => {
          setTouched(true);
          const parsed = spec.parse(text, spec.pattern);
          if (parsed) setText(spec.format(parsed, spec.pattern));
        }}
        onInvalid={() => setTouched(true)}
      />
      {showError && (
        <span id={errorId} className="field-error text-date-error" role="alert">
          {spec.invalid}
        </span>
      )}
    </span>
  );
}

function useSpecs(): { date: Spec; time: Spec } {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  return useMemo(() => {
    const datePlaceholder = t('dateInput.datePlaceholder');
    const timePlaceholder = t('dateInput.timePlaceholder');
    return {
      date: {
        pattern: datePattern(locale),
        parse: parseDateText,
        format: formatDateText,
        placeholder: datePlaceholder,
        invalid: t('dateInput.invalidDate', { pattern: datePlaceholder }),
        className: 'date',
      },
      time: {
        pattern: timePattern(locale),
        parse: parseTimeText,
        format: formatTimeText,
        placeholder: timePlaceholder,
        invalid: t('dateInput.invalidTime', { pattern: timePlaceholder }),
        className: 'time',
      },
    };
    // i18n.language: the same `t` may serve a new language.
  }, [t, locale, i18n.language]);
}

/** A day: `29.11.2026` on screen, `2026-11-29` as the value. */
export function DateInput(props: InputProps) {
  return <TextField spec={useSpecs().date} {...props} />;
}

/** A time of day, 24-hour: `14:05`. */
export function TimeInput(props: InputProps) {
  return <TextField spec={useSpecs().time} {...props} />;
}

/**
 * A moment as local wall time (`2026-11-29T14:05`, '' while either half is missing or not valid): a date and a
 * time field side by side, named together by `label`.
 */
export function DateTimeInput({ value, onChange, label, testId, required }: { value: string; onChange: (value: string) => void; label: string; testId?: string; required?: boolean }) {
  const { t } = useTranslation();
  const [parts, setParts] = useState(() => ({ date: value.slice(0, 10), time: value.slice(11, 16) }));
  useEffect(() => {
    setParts((p) => (value && value !== `${p.date}T${p.time}` ? { date: value.slice(0, 10), time: value.slice(11, 16) } : p));
  }, [value]);
  const update = (change: Partial<typeof parts>) => {
    const next = { ...parts, ...change };
    setParts(next);
    onChange(next.date && next.time ? `${next.date}T${next.time}` : '');
  };
  return (
    <span className="datetime-input" role="group" aria-label={label} data-testid={testId}>
      <DateInput value={parts.date} onChange={(date) => update({ date })} aria-label={t('dateInput.date')} testId={testId && `${testId}-date`} required={required} />
      <TimeInput value={parts.time} onChange={(time) => update({ time })} aria-label={t('dateInput.time')} testId={testId && `${testId}-time`} required={required} />
    </span>
  );
}
