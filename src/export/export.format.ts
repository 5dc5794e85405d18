import type { DatePrecision } from '../domain/vocabulary';

/** `OPEN_WEIGHTS` -> `Open weights`, `AI_SAFETY` -> `AI safety`: enum values as words. */
export function words(value: string): string {
  const text = value
    .split('_')
    .map((w) => (w.length <= 3 ? w : w.toLowerCase()))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `IN_FORCE` -> `In force`, `BASED_ON` -> `Based on`: a value as a phrase, every word lower-case after the first. */
export const phrase = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');

/** The parts of a stored date that its precision vouches for. */
export function dateParts(date: string, precision: DatePrecision): { year: number; month?: number; day?: number } {
  const [year, month, day] = date.split('-').map(Number);
  if (precision === 'YEAR') return { year };
  if (precision === 'MONTH') return { year, month };
  return { year, month, day };
}
