import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CitationSubject, Database, DatePrecisionValue } from '../db/database';
import { groupBy } from '../db/rows';
import { parseCuratedDate } from '../domain/dates';
import type { SeedSource } from '../seed/seed.schema';
import { OWN_SOURCES, type Child, type Db, type MainTable, type Match, type RecordKind, type Resolve, type SeedRecords } from './kind';

/*
 * What kinds share to read their records back in seed format (defaults filled, absent
 * optionals left out: the exact shape a seed file parses to) and to write their rows.
 */

/** A stored date back to how the seed writes it: "2023-07-18", "2023-07" or "2023". */
export function curatedDate(date: string | null, precision: DatePrecisionValue | null): string | undefined {
  if (date === null) return undefined;
  if (precision === 'YEAR') return date.slice(0, 4);
  if (precision === 'MONTH') return date.slice(0, 7);
  return date;
}

/** A seed date as stored: the first day of its period, and its precision. */
export function dateParts(value: string | undefined): { date: string | null; precision: DatePrecisionValue | null } {
  const parsed = value === undefined ? null : parseCuratedDate(value);
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

/** A required seed date as stored. */
export function requiredDate(value: string): { date: string; precision: DatePrecisionValue } {
  const parsed = parseCuratedDate(value)!;
  return { date: parsed.date, precision: parsed.precision };
}

/** Drops undefined values so a record compares and serialises like parsed YAML. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
export const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
export const optNumber = (value: number | string | null): number | undefined => (value === null ? undefined : Number(value));

/** Tables of rows kept in a curated order under a parent record. */
type ChildTable = { [T in keyof Database]: Database[T] extends { ordinal: number } ? T : never }[keyof Database];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Filterable = { where(column: string, op: '=', value: unknown): any };

/** A query on a shared child table narrowed to one kind's or one reference's rows; `prefix` qualifies the columns (`c.`). */
export function matching<Q extends Filterable>(q: Q, match: Match | undefined, prefix = ''): Q {
  for (const [column, value] of Object.entries(match ?? {})) q = q.where(`${prefix}${column}`, '=', value) as Q;
  return q;
}

/** A kind's child rows by parent id, in their stored order (in a shared table, those `match` picks out). */
export async function childRows<T extends ChildTable>(
  db: Db,
  table: T,
  parentColumn: keyof Database[T] & string,
  ids: readonly number[],
  match?: Partial<Record<keyof Database[T] & string, string>>,
): Promise<Map<number, Array<Selectable<Database[T]>>>> {
  if (ids.length === 0) return new Map();
  const query = (db as Kysely<any>) // eslint-disable-line @typescript-eslint/no-explicit-any
    .selectFrom(table)
    .selectAll()
    .where(parentColumn as string, 'in', [...ids]);
  const rows = (await matching(query, match as Match | undefined)
    .orderBy(parentColumn)
    .orderBy('ordinal')
    .execute()) as Array<Selectable<Database[T]>>;
  return groupBy(rows, (r) => (r as Record<string, unknown>)[parentColumn] as number);
}

/**
 * Ids -> slugs for the references records make: the ids given when reading a few records,
 * the whole table when reading all of them (an export), where an id list would be huge.
 */
export async function slugsById(db: Db, table: MainTable, ids: Array<number | null>, all: boolean): Promise<Map<number, string>> {
  const wanted = all ? null : [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted && wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'slug'])
    .$if(wanted !== null, (q) => q.where('id', 'in', wanted!))
    .execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}

/** Each record's sources in seed format, by record id: its own, or those of a nested list (`openness.sources`). */
export async function citations(
  db: Db,
  subject: CitationSubject,
  ids: readonly number[],
  list: string = OWN_SOURCES,
): Promise<Map<number, SeedSource[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('citations as c')
    .innerJoin('sources as s', 's.id', 'c.source_id')
    .select([
      'c.subject_id',
      's.url',
      's.title',
      's.publisher',
      's.published_on',
      's.published_on_precision',
      's.accessed_on',
      's.accessed_on_precision',
      's.archive_url',
    ])
    .where('c.subject_type', '=', subject)
    .where('c.subject_id', 'in', ids)
    .where('c.list', '=', list)
    .orderBy('c.subject_id')
    .orderBy('c.ordinal')
    .execute();
  const grouped = groupBy(rows, (r) => r.subject_id);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map((s) =>
        compact({
          url: s.url,
          title: s.title,
          publisher: opt(s.publisher),
          publishedOn: curatedDate(s.published_on, s.published_on_precision),
          accessedOn: curatedDate(s.accessed_on, s.accessed_on_precision ?? 'DAY'),
          archiveUrl: opt(s.archive_url),
        }),
      ),
    ]),
  );
}

/** Sources are optional on some kinds: an empty list is left out. */
export const optionalSources = (list: SeedSource[] | undefined) => (list && list.length ? list : undefined);

/** A child table's rows for one record, typed against the table. */
export const child = <K extends RecordKind, C extends ChildTable>(spec: {
  table: C;
  parent: keyof Database[C] & string;
  match?: Partial<Record<keyof Database[C] & string, string>>;
  rows(value: SeedRecords[K], resolve: Resolve, id: number): Promise<Array<Insertable<Database[C]>>> | Array<Insertable<Database[C]>>;
}): Child<K> => ({
  table: spec.table,
  parent: spec.parent,
  ...(spec.match ? { match: spec.match as Match } : {}),
  rows: async (value, resolve, id) => spec.rows(value, resolve, id),
});
