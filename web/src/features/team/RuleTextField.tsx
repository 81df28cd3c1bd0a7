import { useState } from 'react';

/**
 * A rule's field typed as text (languages as `bg, en`, an amount as `100 000`) but kept as a value: the text stays as
 * typed while it means the same value, and follows the value when it changes from outside (rules moved up or down).
 */
export function RuleTextField<V>({
  value,
  format,
  parse,
  onChange,
  label,
  placeholder,
  className,
  testId,
  inputMode,
}: {
  value: V | undefined;
  format: (v: V) => string;
  parse: (text: string) => V | undefined;
  onChange: (v: V | undefined) => void;
  label: string;
  placeholder?: string;
  className?: string;
  testId: string;
  inputMode?: 'text' | 'decimal';
}) {
  const shown = value === undefined ? '' : format(value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (shown !== seen) {
    setSeen(shown);
    const typed = parse(text);
    if ((typed === undefined ? '' : format(typed)) !== shown) setText(shown);
  }
  return (
    <input
      value={text}
      aria-label={label}
      placeholder={placeholder ?? label}
      className={className}
      inputMode={inputMode}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
      data-testid={testId}
    />
  );
}

/** `bg, EN ru` → ['bg', 'en', 'ru']; nothing typed → undefined (any language). The server checks the codes. */
export function languagesOf(text: string): string[] | undefined {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  return codes.length ? codes : undefined;
}

/** `100 000,50` → 100000.5; nothing typed → undefined (no bound); anything else NaN, which the server refuses by name. */
export function amountOf(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!t) return undefined;
  return /^\d+([.,]\d{1,2})?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
}
