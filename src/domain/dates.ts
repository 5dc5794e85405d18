import type { DatePrecision } from './vocabulary';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A curated date as written in the seed: `2023-07-18` (DAY), `2023-07` (MONTH) or `2023`
 * (YEAR). Imprecise dates are stored as the first day of their period.
 */
export function parseCuratedDate(value: string): { date: string; precision: DatePrecision } | null {
  if (/^\d{4}$/.test(value)) return { date: `${value}-01-01`, precision: 'YEAR' };
  if (/^\d{4}-\d{2}$/.test(value)) {
    const date = `${value}-01`;
    return isIsoDate(date) ? { date, precision: 'MONTH' } : null;
  }
  return isIsoDate(value) ? { date: value, precision: 'DAY' } : null;
}

/** The first and last day of a curated date's period ("2023" is all of 2023, "2023-02" all of February). */
export function datePeriod(curated: string): { first: string; last: string } {
  const { date, precision } = parseCuratedDate(curated)!;
  const [year, month] = date.split('-').map(Number) as [number, number];
  if (precision === 'DAY') return { first: date, last: date };
  if (precision === 'YEAR') return { first: date, last: `${year}-12-31` };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month: the last of this one
  return { first: date, last: `${date.slice(0, 8)}${days}` };
}
