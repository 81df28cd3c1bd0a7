import { describe, expect, it } from 'vitest';
import { formatPhone, formatsFor } from './format.ts';

const ru = formatsFor('ru');
const en = formatsFor('en');
const bg = formatsFor('bg');
// Intl puts no-break spaces into numbers and units; the tests read them as plain spaces.
const plain = (s: string | null) => s?.replace(/\s/g, ' ');
const at = new Date(2026, 10, 29, 14, 5);

describe('dates and times in the language on screen', () => {
  it('a date: day first, dd.mm.yyyy in Russian and Bulgarian, dd/mm/yyyy in English', () => {
    expect(ru.date(at)).toBe('29.11.2026');
    expect(bg.date(at)).toBe('29.11.2026');
    expect(en.date(at)).toBe('29/11/2026');
    expect(ru.date('2026-03-08')).toBe('08.03.2026');
    expect(ru.date(null)).toBe('—');
    expect(ru.date('not a date')).toBe('—');
  });

  it('a time: 24-hour everywhere, English included', () => {
    expect(ru.time(at)).toBe('14:05');
    expect(en.time(at)).toBe('14:05');
    expect(bg.time(at)).toBe('14:05');
    expect(en.time(new Date(2026, 10, 29, 0, 30))).toBe('00:30');
  });

  it('a moment: date and time', () => {
    expect(ru.dateTime(at)).toBe('29.11.2026, 14:05');
    expect(en.dateTime(at.toISOString())).toBe('29/11/2026, 14:05');
  });

  it('relative times in the language on screen, by calendar days', () => {
    const now = at.getTime();
    const ago = (ms: number) => new Date(now - ms).toISOString();
    expect(ru.relative(ago(20_000), now, 'только что')).toBe('только что');
    expect(ru.relative(ago(5 * 60_000), now, '')).toBe('5 минут назад');
    expect(ru.relative(ago(3 * 3600_000), now, '')).toBe('3 часа назад');
    expect(ru.relative(new Date(2026, 10, 28, 9, 0), now, '')).toBe('вчера');
    expect(ru.relative(new Date(2026, 10, 26, 9, 0), now, '')).toBe('3 дня назад');
    expect(ru.relative(new Date(2026, 10, 30, 10, 0), now, '')).toBe('завтра');
    expect(ru.relative(new Date(2026, 9, 1), now, '')).toBe('01.10.2026');
    expect(en.relative(ago(5 * 60_000), now, '')).toBe('5 minutes ago');
    expect(en.relative(new Date(2026, 10, 28, 9, 0), now, '')).toBe('yesterday');
    expect(bg.relative(new Date(2026, 10, 28, 9, 0), now, '')).toBe('вчера');
  });

  it('the time to a first contact, a call length, a file size', () => {
    const from = at.toISOString();
    const after = (min: number) => new Date(at.getTime() + min * 60_000).toISOString();
    expect(plain(ru.gap(from, after(4)))).toBe('4 мин');
    expect(plain(ru.gap(from, after(130)))).toBe('2 ч 10 мин');
    expect(plain(en.gap(from, after(130)))).toBe('2 hrs 10 mins');
    expect(plain(ru.gap(from, after(3 * 24 * 60)))).toBe('3 дн.');
    expect(ru.gap(after(5), from)).toBeNull();
    expect(ru.duration(75)).toBe('1:15');
    expect(ru.duration(3700)).toBe('1:01:40');
    expect(plain(ru.fileSize(12_800))).toBe('13 кБ');
    expect(plain(ru.seconds(20))).toBe('20 с');
  });

  it('a client’s language named in the language on screen, an unknown code as it is', () => {
    expect(ru.language('bg')).toBe('болгарский');
    expect(en.language('bg')).toBe('Bulgarian');
    expect(bg.language('ru')).toBe('руски');
    expect(en.language('zz')).toBe('zz');
  });
});

describe('numbers and money', () => {
  it('with the language’s separators; roubles by default', () => {
    expect(plain(ru.number(1234567.5))).toBe('1 234 567,5');
    expect(en.number(1234567.5)).toBe('1,234,567.5');
    expect(plain(ru.money(1234567))).toBe('1 234 567 ₽');
    expect(plain(ru.money(990.5))).toBe('990,50 ₽');
    expect(plain(bg.money(1500, 'EUR'))).toBe('1500 €');
  });
});

describe('phones: stored as E.164, shown the way people write them', () => {
  it('international, with the groups and hyphens of the country', () => {
    expect(formatPhone('+79165551234')).toBe('+7 916 555-12-34');
    expect(formatPhone('+74951234567')).toBe('+7 495 123-45-67');
    expect(formatPhone('+359888123456')).toBe('+359 88 812 3456');
    expect(formatPhone('+375291234567')).toBe('+375 29 123-45-67');
    expect(formatPhone('+12133734253')).toBe('+1 213 373-4253');
  });

  it('anything else as it is', () => {
    expect(formatPhone('4951234567')).toBe('4951234567');
    expect(formatPhone('+7 12')).toBe('+7 12');
    expect(formatPhone('PJSIP/101')).toBe('PJSIP/101');
    expect(formatPhone(null)).toBeNull();
    expect(formatPhone('')).toBe('');
  });
});
