/**
 * ISO 4217 currency codes as this Node's ICU knows them (`Intl.supportedValuesOf('currency')`: RUB, EUR, BGN, USD …,
 * about 160 in use today), upper case.
 */
const CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency in use (three upper-case letters ICU knows: `RUB`, not `rub` or `XYZ`). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CODES.has(code);
}

/**
 * A money amount in a currency's main units as people type it into a JSON number: non-negative, at most two decimals,
 * under a trillion (the `decimal(14, 2)` columns).
 */
export function isMoneyAmount(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n < 1e12 && Math.round(n * 100) / 100 === n;
}

/**
 * An amount as a form's text field holds it → a number in main units: `150000`, `150 000`, `150 000,50`,
 * `1500.5` (spaces, no-break and thin spaces between thousands; a point or a comma before at most two decimals).
 * NaN for anything else (`-5`, `1e3`, `150k`, `1,500.00`), so isMoneyAmount refuses it.
 */
export function moneyOfText(s: string): number {
  const t = s.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+([.,]\d{1,2})?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
}
