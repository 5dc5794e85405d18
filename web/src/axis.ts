import type { Scale, YearRange } from './state';

/*
 * The year axis: where each year starts and how wide it is. Each year gets a weight (1, or
 * with the "events" scale, 1 + its number of events); the years of the zoom range share
 * the width available, and every other year is drawn at the same pixels per weight, a
 * scroll away. A year is never narrower than a minimum (its label's room, or with even
 * spacing the width markers need), so a long range may still scroll.
 */

/** The narrowest year: as before zooming existed, with even spacing; room for "2016 · 3" by events. */
const MIN_YEAR_WIDTH: Record<Scale, number> = { even: 150, events: 64 };

export interface Axis {
  firstYear: number;
  /** The last year drawn (included). */
  lastYear: number;
  /** The years fitted to the width. */
  range: YearRange;
  /** Events per year. */
  counts: Map<number, number>;
  /** x of 1 January of `year` (and of the year after the last, for the canvas's end). */
  yearStart: (year: number) => number;
  xOfDate: (date: string) => number;
}

export function yearsOf(dates: string[]): YearRange {
  const years = dates.map((d) => Number(d.slice(0, 4)));
  return { from: Math.min(...years), to: Math.max(...years) };
}

/** The zoom range within the years there are, or all of them. */
export function clampRange(zoom: YearRange | null, years: YearRange): YearRange {
  if (!zoom) return years;
  const from = Math.max(zoom.from, years.from);
  const to = Math.min(zoom.to, years.to);
  return from <= to ? { from, to } : years;
}

export function layoutAxis(dates: string[], zoom: YearRange | null, scale: Scale, left: number, available: number): Axis {
  const years = yearsOf(dates);
  const counts = new Map<number, number>();
  for (const d of dates) counts.set(Number(d.slice(0, 4)), (counts.get(Number(d.slice(0, 4))) ?? 0) + 1);
  const weight = (y: number) => (scale === 'events' ? 1 + (counts.get(y) ?? 0) : 1);
  const range = clampRange(zoom, years);
  const min = MIN_YEAR_WIDTH[scale];
  // Years too light for their share get the minimum width; the others share what is left.
  const atMinimum = new Set<number>();
  let perWeight = 0;
  for (let changed = true; changed;) {
    let weightLeft = 0;
    for (let y = range.from; y <= range.to; y++) if (!atMinimum.has(y)) weightLeft += weight(y);
    perWeight = weightLeft ? (available - atMinimum.size * min) / weightLeft : 0;
    changed = false;
    for (let y = range.from; y <= range.to; y++) {
      if (!atMinimum.has(y) && weight(y) * perWeight < min) {
        atMinimum.add(y);
        changed = true;
      }
    }
  }

  const starts = new Map<number, number>();
  let x = left;
  for (let y = years.from; y <= years.to + 1; y++) {
    starts.set(y, x);
    x += Math.max(min, weight(y) * perWeight);
  }
  const yearStart = (y: number) => starts.get(y)!;
  return {
    firstYear: years.from,
    lastYear: years.to,
    range,
    counts,
    yearStart,
    xOfDate: (date) => {
      const y = Number(date.slice(0, 4));
      const start = Date.UTC(y, 0, 1);
      const fraction = (Date.parse(date) - start) / (Date.UTC(y + 1, 0, 1) - start);
      return yearStart(y) + fraction * (yearStart(y + 1) - yearStart(y));
    },
  };
}
