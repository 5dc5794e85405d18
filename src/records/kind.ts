import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { z } from 'zod';
import type { CitationSubject, Database, SearchDocumentTable } from '../db/database';
import type { Context } from '../app/context';
import type { Node } from '../graphql/relay/node.type';
import type { SeedSource } from '../seed/seed.schema';
import type { TimelineEventKind } from '../timeline/event-kind';
import type { FieldSpec, Fields, Plain } from './input-fields';
import type { UserError } from '../curation/user-error';

/*
 * What a record kind is: everything the generic code (seed, re-seed, mutations, rules,
 * search, `node`, history, payloads) needs to know of one kind, written once in the
 * kind's own folder (`src/releases/release.kind.ts`, ...) and listed in `registry.ts`.
 *
 * A kind declares its seed-format type by augmenting `KindRecords`:
 *
 *   declare module '../records/kind' { interface KindRecords { licenses: SeedLicense } }
 *
 * so `RecordKind` (the keys) and `SeedRecords` grow with the kinds, and no central file
 * lists their types.
 */

/** Seed-format record type of every kind, by its key (the top-level key of a seed file). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KindRecords {}
export type RecordKind = keyof KindRecords & string;
export type SeedRecords = KindRecords;
export type AnyRecord = SeedRecords[RecordKind];

export type Db = Kysely<Database> | Transaction<Database>;
export type Trx = Transaction<Database>;
export type Path = ReadonlyArray<string | number>;

/** Tables that hold a kind's records: a slug, a version, an origin and a content hash. */
export type MainTable = {
  [T in keyof Database]: Database[T] extends { slug: string; origin: unknown; content_hash: unknown } ? T : never;
}[keyof Database];

/**
 * The columns a kind writes for one record: every one but the bookkeeping the writer adds,
 * each given (null where empty), so a column the kind forgets or misspells does not compile.
 */
export type MainValues<T extends MainTable> = {
  [
    C in keyof Omit<Insertable<Database[T]>, 'id' | 'slug' | 'origin' | 'content_hash' | 'version' | 'created_at' | 'updated_at'>
  ]-?: Exclude<Insertable<Database[T]>[C], undefined>;
};

/** A record in seed format with every key present (undefined where absent): a field a kind forgets to read back does not compile. */
// Keys taken through `Extract`, not `keyof S` alone: a homomorphic mapping would strip `undefined` again.
export type Complete<S> = { [P in Extract<keyof S, string>]: S[P] | undefined };

/** A referenced record's id by slug; references have been checked by then. */
export type Resolve = (kind: RecordKind, slug: string) => number | Promise<number>;

/**
 * A reference from a record of one kind to records of another (or the same) kind: where
 * the slugs are in the seed format, and where the ids are stored. Checks that targets
 * exist, holds on them, refusals to delete a target, and which search documents carry
 * the target's name are all derived from these.
 */
export interface Reference<K extends RecordKind> {
  /** The seed field, e.g. "predecessor"; rules name a reference by it. */
  name: string;
  target: RecordKind;
  /** The slugs this record names, each with its path in the record. */
  slugs(value: SeedRecords[K]): Array<{ path: Path; slug: string }>;
  /**
   * Where the target's id is stored: a column of the kind's table, or of a child table with
   * its parent column. A child table shared by several kinds or references (event relations)
   * says in `match` which fixed column values pick out this reference's rows.
   */
  stored: { column: string; child?: { table: keyof Database; parent: string; match?: Match } };
  /** How the referrers are named when they keep a target from being deleted, e.g. "releases (as predecessor)". */
  label: string;
  /** Set when a record may not name itself here: the message. */
  notSelf?: string;
  /**
   * Kinds a slug named here may belong to by mistake (a relation's target given the wrong
   * type): a slug no record of `target` has is looked for there, and the message says
   * where it is.
   */
  elsewhere?: readonly RecordKind[];
  /** The referrer's search document carries the target's name, so it is rebuilt when the target changes. */
  inSearchText?: boolean;
}

/** A step of a chain rules follow from record to record (`Chain`): to the record `slug` of `kind`, by way of `via` (e.g. "REVOKES"). */
export interface Step {
  via: string;
  kind: RecordKind;
  slug: string;
}

/**
 * A chain rules follow on from record to record, beyond the records around the one checked
 * (a cycle check): the steps out of a record, and how to read every step the chain reaches
 * in the store at once, however long it is.
 */
export interface Chain<K extends RecordKind> {
  /** The steps out of a record, in its own order. */
  steps(value: SeedRecords[K]): Step[];
  /**
   * From the store: the steps out of every record the chain reaches from `value`'s steps
   * (those records included; `value` itself, as stored, left out), each in its record's
   * order, by record (`stepKey`). One statement, whatever the chain's length.
   */
  reach(db: Db, value: SeedRecords[K]): Promise<Map<string, Step[]>>;
}

/** How steps are keyed by the record they leave. */
export const stepKey = (kind: RecordKind, slug: string) => `${kind}:${slug}`;

/** Fixed column values that pick out one kind's (or one reference's) rows in a shared child table, e.g. { source_type: 'RELEASE' }. */
export type Match = Readonly<Record<string, string>>;

/**
 * What rules may look up, synchronously: the seed's records, or the records around the
 * one being written, read from the store beforehand (the records it refers to, and those
 * that refer to it through the references its rules name in `reads`).
 */
export interface Lookup {
  /**
   * True when every record is being checked together (a seed): a rule about a pair of
   * records then runs from one side only, and the other side is not looked up.
   */
  readonly whole: boolean;
  exists(kind: RecordKind, slug: string): boolean;
  get<T extends RecordKind>(kind: T, slug: string): SeedRecords[T] | undefined;
  /** Records of `kind` whose reference `name` (e.g. "predecessor") names `slug`. */
  referrers<T extends RecordKind>(kind: T, name: string, slug: string): Array<SeedRecords[T]>;
  /** The steps of its kind's chain (`KindDef.chain`) out of a record; none for a record the chain does not reach. */
  steps(kind: RecordKind, slug: string): Step[];
}

/** A reference a rule follows backwards: records of `kind` naming the checked record through `name`. */
export interface ReverseRead {
  kind: RecordKind;
  name: string;
  /** Only when the checked record is like this (a guard that looks only at some records). */
  when?: (value: AnyRecord) => boolean;
}

export type Report = (path: Path, message: string, code?: UserError['code']) => void;

/** A rule that looks beyond the record itself, written once for seed files, mutations and re-seeding. */
export type Rule<K extends RecordKind> = (value: SeedRecords[K], lookup: Lookup, report: Report) => void;

/** Rows of a child table (roles, variants, ...), replaced whole with their record. */
export interface Child<K extends RecordKind> {
  table: keyof Database;
  parent: string;
  /** In a table shared by several kinds: the fixed values of the columns that make a row this kind's. */
  match?: Match;
  /** The rows of the record with id `id`. */
  rows(value: SeedRecords[K], resolve: Resolve, id: number): Promise<object[]>;
}

/** A record's search document: its title, and the text around it (joined into the body). */
export interface SearchText {
  slug: string;
  title: string;
  parts: Array<string | null | undefined>;
}
export type SearchDocument = SearchDocumentTable;

/** A kind's input fields: one per seed field but the slug, and a precision beside a date. */
export type InputFields<S> = { [P in Exclude<Extract<keyof S, string>, 'slug'>]: FieldSpec } & { datePrecision?: FieldSpec } & Fields;

export interface KindDef<K extends RecordKind, T extends MainTable = MainTable> {
  key: K;
  /** How history, citations, tombstones and the search index name the kind. */
  subject: CitationSubject;
  /** The GraphQL type and global-id prefix, e.g. "License". */
  typeName: string;
  /** What one record is called in messages, e.g. "policy position". */
  noun: string;
  /** The payload field holding the record, e.g. "policyPosition". */
  field: string;
  table: T;
  /** The GraphQL object type. */
  type: () => unknown;
  /** The kind's resolvers, and those of the fields it adds to other types (an organization's releases). */
  resolvers: ReadonlyArray<new (...args: never[]) => unknown>;
  /** The seed format (zod); the API checks its input against it too. */
  schema: z.ZodType<SeedRecords[K]> & { shape: Record<string, unknown> };
  /** Where a new record goes when `seed:export` finds no file holding it. */
  seedFile(value: SeedRecords[K]): string;
  /** Key order of nested objects in seed files, by field, e.g. { variants: [...] }. */
  nested?: Record<string, readonly string[]>;
  /** Mutation input fields: one per seed field but the slug (plus `datePrecision` beside a date), so a seed field without an input does not compile. */
  inputFields: InputFields<SeedRecords[K]>;
  /** Turns the input's nested values into seed format (dates, actor, defaults); problems go to `errors`. */
  fromInput?(given: Plain, existing: SeedRecords[K] | null, errors: UserError[]): void;
  /** The main row's columns. With `links` false, references to the same kind are null (the seed writes them, with `links`, after every row). */
  row(value: SeedRecords[K], resolve: Resolve, links: boolean): Promise<MainValues<T>>;
  /** The columns `links: false` left out. */
  links?(value: SeedRecords[K], resolve: Resolve): Promise<Partial<MainValues<T>>>;
  children: ReadonlyArray<Child<K>>;
  /**
   * Lists of sources nested in the record besides its own `sources`, by path (a release's
   * `['openness', 'sources']`): checked like `sources` (URLs, publishers, one set of
   * details per URL) and stored as citations under the path's name (`openness.sources`).
   * `read` puts them back through `citations(..., list)`.
   */
  sourceLists?: ReadonlyArray<readonly string[]>;
  /** Records in seed format, for the rows given; `all` when every record is read (references then resolve by table). */
  read(db: Db, rows: Array<Selectable<Database[T]>>, all: boolean): Promise<Array<Complete<SeedRecords[K]>>>;
  references: ReadonlyArray<Reference<K>>;
  rules: ReadonlyArray<Rule<K>>;
  /** The references the rules follow backwards (see `Lookup.referrers`). */
  reads?: ReadonlyArray<ReverseRead>;
  /** A chain the rules follow from record to record (an event's REVOKES and SUPERSEDES links), read from the store at once for a mutation. */
  chain?: Chain<K>;
  /** Rules this kind puts on records of another kind, run when one of those changes alone (the same rule seen from the other side). */
  guards?: ReadonlyArray<Guard>;
  /** Search texts of the records with these ids (all when undefined); none for kinds search does not find. */
  search?(db: Db, ids?: readonly number[]): Promise<SearchText[]>;
  /** The record as the API shows it, through the request's loaders. */
  fetch(ctx: Context, slug: string): Promise<Node | null>;
  /** For kinds whose records are timeline events: their part of the timeline (they keep at least one source). */
  timeline?: TimelineEventKind;
}

export type Guard = { [T in RecordKind]: { kind: T; rule: Rule<T>; reads: ReadonlyArray<ReverseRead> } }[RecordKind];

/** A kind definition, typed against its seed format (named by `key`) and its table. */
export const defineKind =
  <K extends RecordKind>(key: K) =>
  <T extends MainTable>(def: Omit<KindDef<K, T>, 'key'>): KindDef<K, T> => ({ key, ...def });

export const sourcesOf = (value: AnyRecord): SeedSource[] => (value as { sources?: SeedSource[] }).sources ?? [];

/** One list of sources in a record: its stored name (`sources`, `openness.sources`), its path, and the sources. */
export interface SourceList {
  list: string;
  path: Path;
  sources: SeedSource[];
}

/** A record's own list of sources (`sources`), as stored. */
export const OWN_SOURCES = 'sources';

/** How a nested list of sources is named in `citations.list`: its path, dotted. */
export const listName = (path: readonly string[]): string => path.join('.');

/** Every list of sources a record holds: its own `sources` first, then the kind's nested ones (empty ones included). */
export function sourceListsOf(def: { sourceLists?: ReadonlyArray<readonly string[]> }, value: AnyRecord): SourceList[] {
  const nested = (def.sourceLists ?? []).map((path) => {
    const found = path.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
    return { list: listName(path), path, sources: (found as SeedSource[] | undefined) ?? [] };
  });
  return [{ list: OWN_SOURCES, path: [OWN_SOURCES], sources: sourcesOf(value) }, ...nested];
}
