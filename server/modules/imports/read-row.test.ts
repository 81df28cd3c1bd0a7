import { describe, expect, it } from 'vitest';
import { findHeaderRow, guessMapping } from './guess-mapping.js';
import { readDay, readNumber, readRow } from './read-row.js';

describe('reading an imported line', () => {
  it('guesses columns from Russian and English headers, ignoring a title line and unknown headers', () => {
    expect(guessMapping(['Ф.И.О.', 'Контрагент', 'Моб. телефон', 'Эл. почта', 'Дата рождения', 'Ответственный', 'Примечание', 'Цвет глаз'])).toEqual({
      fullName: 0, organization: 1, phones: 2, emails: 3, birthday: 4, owner: 5, comment: 6,
    });
    expect(guessMapping(['Customer ID', 'Name', 'Company', 'Mobile', 'E-mail', 'Last order date', 'Orders', 'Revenue'])).toEqual({
      externalId: 0, fullName: 1, organization: 2, phones: 3, emails: 4, lastOrderAt: 5, ordersCount: 6, ordersAmount: 7,
    });
    const rows = [
      { row: 1, cells: ['Клиенты на 01.12.2026', null, null] },
      { row: 2, cells: ['ФИО', 'Телефон', 'E-mail'] },
      { row: 3, cells: ['Иван', '89001234567', null] },
    ];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('reads dates as Excel and people write them, and refuses impossible ones', () => {
    expect(readDay(44259)).toBe('2021-03-04'); // an Excel serial
    expect(readDay(new Date(Date.UTC(1980, 4, 17)))).toBe('1980-05-17');
    expect(readDay('17.05.1980')).toBe('1980-05-17');
    expect(readDay('7/5/80')).toBe('1980-05-07');
    expect(readDay('2024-01-31')).toBe('2024-01-31');
    expect(readDay('31.02.1990')).toBe('bad');
    expect(readDay('вчера')).toBe('bad');
    expect(readDay(null)).toBeNull();
  });

  it('reads amounts with spaces, commas and currency, and refuses words', () => {
    expect(readNumber('12 345,50')).toBe(12345.5);
    expect(readNumber('12,345.50')).toBe(12345.5);
    expect(readNumber('1500 руб.')).toBe(1500);
    expect(readNumber(7)).toBe(7);
    expect(readNumber('много')).toBe('bad');
  });

  it('splits several phones in one cell, restores a lost leading 8 or +, and says which contact was bad', () => {
    const { client, problems } = readRow(
      { row: 9, cells: ['8 900 111-22-33, +7 (495) 123-45-67; 9001112233', 79161234567, 'A@B.ru, nope'] },
      { phones: 0, comment: 1, emails: 2 },
      'RU',
    );
    expect(client.phones).toEqual(['+79001112233', '+74951234567']);
    expect(client.emails).toEqual(['a@b.ru']);
    expect(problems).toEqual([{ row: 9, field: 'emails', code: 'email_invalid', value: 'nope' }]);
    const lost = readRow({ row: 10, cells: [79161234567] }, { phones: 0 }, 'RU');
    expect(lost.client.phones).toEqual(['+79161234567']);
    expect(readRow({ row: 11, cells: ['Иван', '12'] }, { fullName: 0, phones: 1 }, 'RU').problems.map((p) => p.code)).toEqual(['phone_invalid', 'no_contact']);
  });
});
