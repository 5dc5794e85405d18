import { CSV_COLUMNS, type CsvColumn } from './export.part';
import type { ExportEvent } from './export.service';

/*
 * One row per event, RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break. A leading byte-order mark makes spreadsheet programs read UTF-8.
 */

const COLUMNS = CSV_COLUMNS;
type Row = Record<CsvColumn, string>;

/*
 * Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's CSV
 * injection advice): a cell starting with = + - @, their full-width forms (Excel and
 * LibreOffice read ＝ ＋ － ＠ as the ASCII ones), or a tab, CR or LF (which some programs
 * strip before looking at the next character); leading spaces are looked through for the
 * same reason.
 */
const FORMULA = /^[\t\r\n]|^[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** Quoted when needed, neutralised when a spreadsheet would take it for a formula. */
export function field(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(e: ExportEvent): Row {
  const common = {
    date: e.event.date,
    date_precision: e.event.datePrecision,
    event_type: e.event.eventType,
    organization: e.organization.slug,
    title: e.event.title,
    summary: e.event.summary ?? '',
    // Two JSON arrays in the same order: a URL may hold a space (URL parsing accepts one in
    // a path) and a title any separator (" | " included), so no separator would be safe.
    source_urls: JSON.stringify(e.sources.map((s) => s.url)),
    source_titles: JSON.stringify(e.sources.map((s) => s.title)),
    // `TYPE:EVENT_TYPE/slug`, joined by "; ": slugs hold neither separator.
    relations: e.relations.map((r) => `${r.type}:${r.event.eventType}/${r.event.slug}`).join('; '),
  };
  const none = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Row;
  return { ...none, ...common, ...e.columns };
}

export function toCsv(events: ExportEvent[]): string {
  const lines = [COLUMNS.join(','), ...events.map((e) => COLUMNS.map((c) => field(row(e)[c])).join(','))];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
