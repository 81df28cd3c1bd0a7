import { IMPORT_FIELD_NAMES, type ImportFieldName } from '../../api-types.js';
import type { RawCell, RawRow } from './read-table.js';

/** What an imported column may mean: the client's fields as the import reads them. */
export const IMPORT_FIELDS = IMPORT_FIELD_NAMES;
export type ImportField = ImportFieldName;

/** Which column (0-based) holds each field; a field without a column is absent. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

// Header words, lower-cased, as Russian and English lists name them (1C, Bitrix, amoCRM, hand-made Excel files).
const HEADER_WORDS: Record<ImportField, string[]> = {
  externalId: ['код', 'внешний код', 'ид', 'id', 'external id', 'код клиента', 'код контрагента', 'client id', 'customer id', 'external_id'],
  fullName: ['фио', 'ф.и.о.', 'имя', 'клиент', 'контактное лицо', 'контакт', 'покупатель', 'name', 'full name', 'client', 'customer', 'contact'],
  organization: ['организация', 'компания', 'контрагент', 'юр. лицо', 'юрлицо', 'фирма', 'наименование', 'organization', 'organisation', 'company'],
  phones: ['телефон', 'телефоны', 'тел', 'тел.', 'мобильный', 'моб. телефон', 'сотовый', 'phone', 'phones', 'mobile', 'tel', 'telephone'],
  emails: ['e-mail', 'email', 'эл. почта', 'электронная почта', 'почта', 'e-mails', 'emails', 'mail'],
  address: ['адрес', 'адрес доставки', 'город', 'address'],
  service: ['услуга', 'товар', 'продукт', 'service', 'product'],
  comment: ['комментарий', 'примечание', 'заметки', 'описание', 'comment', 'comments', 'note', 'notes'],
  birthday: ['день рождения', 'дата рождения', 'др', 'birthday', 'date of birth', 'birth date', 'dob'],
  firstOrderAt: ['первый заказ', 'дата первого заказа', 'первая покупка', 'first order', 'first order date', 'first purchase'],
  lastOrderAt: ['последний заказ', 'дата последнего заказа', 'последняя покупка', 'last order', 'last order date', 'last purchase'],
  ordersCount: ['заказов', 'количество заказов', 'кол-во заказов', 'число заказов', 'orders', 'orders count', 'order count', 'number of orders'],
  ordersAmount: ['сумма', 'сумма заказов', 'сумма покупок', 'выручка', 'оборот', 'amount', 'total', 'revenue', 'orders amount', 'sales'],
  owner: ['менеджер', 'ответственный', 'ответственный менеджер', 'owner', 'manager', 'responsible', 'account manager'],
};

const clean = (c: RawCell): string => (typeof c === 'string' ? c.toLowerCase().replace(/[*:]+$/g, '').replace(/\s+/g, ' ').trim() : '');

/** The field a header names, or null: an exact name first, then a name the header starts with. */
export function fieldOfHeader(header: RawCell): ImportField | null {
  const h = clean(header);
  if (!h) return null;
  for (const f of IMPORT_FIELDS) if (HEADER_WORDS[f].includes(h)) return f;
  for (const f of IMPORT_FIELDS) if (HEADER_WORDS[f].some((w) => w.length >= 4 && (h.startsWith(w) || h.endsWith(w)))) return f;
  return null;
}

/**
 * The header line of a list: among the first 10 lines, the one whose cells name the most known fields (a title
 * above it, merged over the columns, names none); ties go to the earlier line. Index into `rows`.
 */
export function findHeaderRow(rows: RawRow[]): number {
  let best = 0;
  let bestScore = -1;
  rows.slice(0, 10).forEach((r, i) => {
    const score = new Set(r.cells.map(fieldOfHeader).filter(Boolean)).size;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/** A mapping guessed from the header cells: each field to the first column that names it. */
export function guessMapping(headers: RawCell[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const f = fieldOfHeader(h);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}
