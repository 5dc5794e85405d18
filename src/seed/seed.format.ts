import { stringify } from 'yaml';
import type { RecordKind, SeedRecords } from '../records/kind';
import { KINDS } from '../records/registry';
import { sourceSchema } from './seed.fields';

/*
 * Writes records as seed YAML in the house style of `seed/*.yaml`, so that a file the
 * exporter writes and one a curator writes by hand look alike and `git diff` shows only
 * real edits. The style is fixed, so the same records always give the same bytes:
 * - keys in the order of the schema; lists that default to empty are left out;
 * - a blank line between records;
 * - dates and stock tickers double-quoted (`"2023-07"` stays a string, never a number);
 * - prose (description, summary, quote, openWeightsNote, note) that does not fit on its line as a folded `>-`
 *   block wrapped at WIDTH columns; every other string on one line, quoted only when YAML
 *   needs it;
 * - short lists of names (modalities, comparedWith) and the actor inline: `[TEXT, CODE]`,
 *   `{ person: nick-clegg }`.
 */

export const WIDTH = 80;

/** Key order: a kind's records in its schema's order, nested objects (roles, variants, sources) in theirs. */
const KEY_ORDER: Record<string, readonly string[]> = {
  ...Object.fromEntries(KINDS.flatMap((def) => [[def.key, Object.keys(def.schema.shape)], ...Object.entries(def.nested ?? {})])),
  sources: Object.keys(sourceSchema.shape),
};
const DEFAULTS_TO_EMPTY = new Set(['restrictions', 'variants', 'modalities', 'comparedWith', 'arguments', 'signatories', 'milestones']);
const INLINE = new Set(['modalities', 'comparedWith', 'actor']);
const QUOTED = new Set(['date', 'startedOn', 'endedOn', 'publishedOn', 'accessedOn', 'stockTicker']);
const PROSE = new Set(['description', 'summary', 'quote', 'openWeightsNote', 'note']);

type Value = string | number | boolean | Value[] | { [key: string]: Value };

/** One scalar on one line: plain where YAML reads it back as the same string, else quoted. */
function scalar(value: string | number | boolean): string {
  return stringify(value, { lineWidth: 0, blockQuote: false }).replace(/\n$/, '');
}

/** Text a folded block gives back exactly: one line, no runs of spaces, nothing unprintable. */
const foldable = (text: string) => /^\S(?:[^\n\r\t]*\S)?$/.test(text) && !text.includes('  ') && !/[\p{Cc}\p{Zl}\p{Zp}\uFEFF]/u.test(text);

/** A `>-` block: words packed greedily into lines of at most WIDTH columns. */
function folded(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, indent + line];
}

function ordered(value: { [key: string]: Value }, order: readonly string[] | undefined): Array<[string, Value]> {
  const entries = Object.entries(value).filter(([key, v]) => !(Array.isArray(v) && v.length === 0 && DEFAULTS_TO_EMPTY.has(key)));
  if (!order) return entries;
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}

function inline(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${inline(v)}`)
      .join(', ')} }`;
  return typeof value === 'string' && !/^[A-Za-z0-9][\w.-]*$/.test(value) ? JSON.stringify(value) : scalar(value);
}

/** The lines of a map's entries; `first` starts the first line (the `- ` of a list item). */
function mapLines(value: { [key: string]: Value }, indent: string, order: readonly string[] | undefined, first = indent): string[] {
  return ordered(value, order).flatMap(([key, v], i) => {
    const lead = `${i === 0 ? first : indent}${key}:`;
    if (INLINE.has(key)) return [`${lead} ${inline(v)}`];
    if (Array.isArray(v)) {
      if (v.length === 0) return [`${lead} []`];
      return [
        lead,
        ...v.flatMap((item) =>
          typeof item === 'object' && !Array.isArray(item)
            ? mapLines(item, `${indent}    `, KEY_ORDER[key], `${indent}  - `)
            : [`${indent}  - ${scalar(item as string)}`],
        ),
      ];
    }
    if (typeof v === 'object') return [lead, ...mapLines(v, `${indent}  `, KEY_ORDER[key])];
    if (typeof v === 'string' && QUOTED.has(key)) return [`${lead} ${JSON.stringify(v)}`];
    const line = `${lead} ${scalar(v)}`;
    if (typeof v === 'string' && PROSE.has(key) && line.length > WIDTH && foldable(v)) return [`${lead} >-`, ...folded(v, `${indent}  `)];
    return [line];
  });
}

export type Section<K extends RecordKind = RecordKind> = { kind: K; records: Array<SeedRecords[K]> };

/** A whole seed file: each section's records under its top-level key, in the order given. */
export function formatSeedFile(sections: Section[]): string {
  const blocks = sections.map(({ kind, records }) =>
    records.length === 0
      ? `${kind}: []`
      : [
          `${kind}:`,
          records
            .map((record) => mapLines(record as unknown as { [key: string]: Value }, '    ', KEY_ORDER[kind], '  - ').join('\n'))
            .join('\n\n'),
        ].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}
