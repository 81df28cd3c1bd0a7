import { describe, expect, it } from 'vitest';
import { datePattern, formatDateText, formatTimeText, maskTyped, parseDateText, parseTimeText, timePattern, toLocalDateTime, typed } from './date-text.ts';
import webRu from './locales/ru.json';
import webEn from './locales/en.json';
import webBg from './locales/bg.json';

const ru = datePattern('ru');
const en = datePattern('en');
const time = timePattern('ru');

describe('the date inputs read and write the language’s own format', () => {
  it('order and separator come from Intl, and the placeholders say the same', () => {
    expect(ru).toEqual({ fields: [{ name: 'day', length: 2 }, { name: 'month', length: 2 }, { name: 'year', length: 4 }], separator: '.' });
    expect(en.separator).toBe('/');
    expect(datePattern('bg').separator).toBe('.');
    // The placeholder is the pattern in letters: дд.мм.гггг, dd/mm/yyyy.
    for (const [locale, texts] of [['ru', webRu], ['en', webEn], ['bg', webBg]] as const) {
      const p = datePattern(locale);
      expect(texts.dateInput.datePlaceholder.split(p.separator).map((s) => s.length)).toEqual(p.fields.map((f) => f.length));
      expect(texts.dateInput.timePlaceholder.split(timePattern(locale).separator).map((s) => s.length)).toEqual([2, 2]);
    }
  });

  it('typed digits get their separators by themselves', () => {
    expect(maskTyped('29112026', ru)).toBe('29.11.2026');
    expect(maskTyped('29112026', en)).toBe('29/11/2026');
    expect(maskTyped('29', ru)).toBe('29.');
    expect(maskTyped('4', ru)).toBe('04.');
    expect(maskTyped('1.2.2026', ru)).toBe('1.02.2026');
    expect(maskTyped('29.11.20261', ru)).toBe('29.11.2026');
    expect(maskTyped('1405', time)).toBe('14:05');
    expect(maskTyped('9', time)).toBe('09:');
  });

  it('typing goes through the mask; deleting and editing in the middle do not', () => {
    expect(typed('29.', '29.1', ru)).toBe('29.1');
    expect(typed('29.1', '29.11', ru)).toBe('29.11.');
    expect(typed('29.', '29', ru)).toBe('29');
    expect(typed('29.11.2026', '2.11.2026', ru)).toBe('2.11.2026');
    expect(typed('', '2026-11-29', ru)).toBe('29.11.2026');
  });

  it('parses real dates only, to ISO', () => {
    expect(parseDateText('29.11.2026', ru)).toBe('2026-11-29');
    expect(parseDateText('29/11/2026', en)).toBe('2026-11-29');
    expect(parseDateText('1.2.26', ru)).toBe('2026-02-01');
    expect(parseDateText('29112026', ru)).toBe('2026-11-29');
    expect(parseDateText('2026-11-29', en)).toBe('2026-11-29');
    expect(parseDateText(' ', ru)).toBe('');
    expect(parseDateText('29.02.2026', ru)).toBeNull();
    expect(parseDateText('29.02.2028', ru)).toBe('2028-02-29');
    expect(parseDateText('12.13.2026', ru)).toBeNull();
    expect(parseDateText('29.11', ru)).toBeNull();
    expect(parseDateText('29.11.202', ru)).toBeNull();
    expect(parseDateText('завтра', ru)).toBeNull();
  });

  it('formats ISO days back', () => {
    expect(formatDateText('2026-11-29', ru)).toBe('29.11.2026');
    expect(formatDateText('2026-11-29', en)).toBe('29/11/2026');
    expect(formatDateText('', ru)).toBe('');
  });

  it('times: 24-hour, with or without the separator', () => {
    expect(parseTimeText('14:05', time)).toBe('14:05');
    expect(parseTimeText('9:30', time)).toBe('09:30');
    expect(parseTimeText('1405', time)).toBe('14:05');
    expect(parseTimeText('9.30', time)).toBe('09:30');
    expect(parseTimeText('', time)).toBe('');
    expect(parseTimeText('24:00', time)).toBeNull();
    expect(parseTimeText('12:5', time)).toBeNull();
    expect(parseTimeText('10 AM', time)).toBeNull();
    expect(formatTimeText('14:05', time)).toBe('14:05');
  });

  it('a moment as local wall time for the pair of inputs', () => {
    expect(toLocalDateTime(new Date(2026, 10, 29, 9, 5))).toBe('2026-11-29T09:05');
  });
});
