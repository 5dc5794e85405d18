import { sql, type Transaction } from 'kysely';
import type { Viewer } from '../auth/credentials';
import { bumpDataVersion } from '../db/data-version';
import type { Database } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import type { DatePrecision } from '../domain/vocabulary';
import { withArticle } from '../graphql/article';
import type { Context } from '../app/context';
import { fromGlobalId, toGlobalId } from '../graphql/relay/global-id';
import type { Node } from '../graphql/relay/node.type';
import type { TimelineChange } from '../live/timeline-events';
import { foldSources, plain, seedDate, type Plain } from '../records/input-fields';
import { sourcesOf, type RecordKind, type SeedRecords } from '../records/kind';
import { canonical, readRecord } from '../records/read';
import { kindByType, kindOf, KINDS } from '../records/registry';
import { deleteRecord, insertRecord, referrersOf, rewriteRecord } from '../records/write';
import { refreshSearchDocuments, searchScopeOf } from '../search/search.indexer';
import type { SeedSource } from '../seed/seed.fields';
import { sourceKey } from '../sources/source.service';
import { recordChange } from './history';
import { Rejection, userError, type UserError } from './user-error';
import { checkRecord, parseRecord } from './validate';

/*
 * Every curation mutation, for every kind of record: authorize, turn the input into a
 * record in seed format, check it like a seed file, and write it in one transaction with
 * its history entry, the search index and the data version. Nothing is written unless
 * all of it is. Updates and deletes name the version they read and claim it first
 * (`UPDATE ... WHERE version = $read`), so of two writers racing on one version exactly
 * one wins and the other gets CONFLICT. Changes to timeline events are announced to
 * subscribers after the transaction commits.
 */

type Trx = Transaction<Database>;

export interface WriteResult {
  /** The record as it is now (null after a delete or when refused). */
  node: Node | null;
  /** Global id of the record a delete removed. */
  deletedId: string | null;
  userErrors: UserError[];
}
const refused = (userErrors: UserError[]): WriteResult => ({ node: null, deletedId: null, userErrors });

/**
 * The record a create or update asks for, in seed format: the input laid over the
 * existing record (an update), or on its own (a create). Null clears a field.
 */
function candidateFrom<K extends RecordKind>(
  kind: K,
  input: object,
  existing: SeedRecords[K] | null,
): { candidate: Plain; errors: UserError[] } {
  const errors: UserError[] = [];
  const given = plain(input);
  delete given.id;
  delete given.version;
  delete given.reason;
  const candidate: Plain = existing ? { ...existing } : {};

  if ('date' in given || 'datePrecision' in given) {
    if (given.date === null || given.datePrecision === null) {
      errors.push(userError(['input', given.date === null ? 'date' : 'datePrecision'], 'is required and cannot be cleared', 'INVALID'));
    } else {
      // A new date keeps the stored precision unless a new one is given (and vice versa).
      const stored = existing ? parseCuratedDate((existing as { date: string }).date) : null;
      const iso = (given.date ?? stored?.date) as string | undefined;
      const precision = (given.datePrecision ?? stored?.precision ?? 'DAY') as DatePrecision;
      if (iso) candidate.date = seedDate(iso, precision, ['input', given.date ? 'date' : 'datePrecision'], errors);
    }
    delete given.date;
    delete given.datePrecision;
  }
  if (given.sources) given.sources = foldSources(given.sources, ['input', 'sources'], errors);
  kindOf(kind).fromInput?.(given, existing, errors);
  for (const [key, value] of Object.entries(given)) {
    if (value === null) delete candidate[key];
    else candidate[key] = value;
  }
  // Where sources are optional, none is written as no list at all (as records read back).
  if (!kindOf(kind).timeline && Array.isArray(candidate.sources) && candidate.sources.length === 0) delete candidate.sources;
  return { candidate, errors };
}

/**
 * Where a rule's problem with a record's date is reported: at `date`, unless the input
 * changed only the precision (a date of "2024-06" made "2024"), which is then at fault.
 */
function dateFieldOf(input: object): 'date' | 'datePrecision' {
  const given = plain(input);
  return given.date === undefined && given.datePrecision !== undefined ? 'datePrecision' : 'date';
}

/** Parses and checks a candidate; throws a Rejection listing every problem. */
async function validated<K extends RecordKind>(
  trx: Trx,
  ctx: Context,
  kind: K,
  candidate: Plain,
  earlier: UserError[],
  dateField: 'date' | 'datePrecision' = 'date',
): Promise<SeedRecords[K]> {
  const parsed = parseRecord(kind, candidate);
  if ('errors' in parsed) {
    // A field already reported (with a more specific message) is not reported twice.
    const seen = new Set(earlier.map((e) => JSON.stringify(e.field)));
    throw new Rejection([...earlier, ...parsed.errors.filter((e) => !seen.has(JSON.stringify(e.field)))]);
  }
  if (earlier.length) throw new Rejection(earlier);
  const problems = await checkRecord(trx, ctx.store.adapter, kind, parsed.value);
  const atDate = (field: UserError['field']) => field?.length === 2 && field[0] === 'input' && field[1] === 'date';
  if (problems.length) throw new Rejection(problems.map((p) => (atDate(p.field) ? { ...p, field: ['input', dateField] } : p)));
  return parsed.value;
}

/** The slug inside a global id of the expected type, or a NOT_FOUND/INVALID user error. */
function slugFromId(kind: RecordKind, id: string, field: string[]): string {
  const parsed = fromGlobalId(id);
  const { typeName } = kindOf(kind);
  if (!parsed || parsed.type !== typeName)
    throw new Rejection([
      userError(
        field,
        `${JSON.stringify(id.slice(0, 80))} is not the id of ${withArticle(typeName)}; use the \`id\` field of the ${typeName} you read`,
        'INVALID',
      ),
    ]);
  return parsed.key;
}

/**
 * Claims a record's next version: succeeds only if `version` is still current. Under
 * concurrency the database decides (row lock on PostgreSQL, one writer on SQLite).
 */
async function claim(trx: Trx, kind: RecordKind, slug: string, version: number): Promise<{ id: number; version: number }> {
  const { table, noun } = kindOf(kind);
  const claimed = await trx
    .updateTable(table)
    .set({ version: sql`version + 1` })
    .where('slug', '=', slug)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (claimed) return { id: claimed.id, version: Number(claimed.version) };
  const current = await trx.selectFrom(table).select('version').where('slug', '=', slug).executeTakeFirst();
  if (!current) throw new Rejection([userError(['input', 'id'], `no ${noun} "${slug}": it does not exist or was deleted`, 'NOT_FOUND')]);
  throw new Rejection([
    userError(
      ['input', 'version'],
      `the ${noun} "${slug}" has changed since version ${version} (it is now at version ${current.version}); read it again, reapply your change, and retry with version ${current.version}`,
      'CONFLICT',
      Number(current.version),
    ),
  ]);
}

/** Other records that refer to this one: a delete would leave them dangling. */
async function referencesTo(trx: Trx, kind: RecordKind, id: number): Promise<string[]> {
  return (await referrersOf(trx, kind, id)).map(({ label, records }) => {
    const slugs = records.slice(0, 10).map((r) => r.slug);
    return `${label} ${slugs.join(', ')}${records.length > 10 ? ` and ${records.length - 10} more` : ''}`;
  });
}

// Matched by message: driver errors are not all instances of Error in every realm.
const slugTaken = (err: unknown) =>
  /(UNIQUE constraint failed: \w+\.slug|duplicate key value violates unique constraint "\w+_slug_key")/.test(
    String((err as Error)?.message),
  );
const stillReferenced = (err: unknown) =>
  /FOREIGN KEY constraint failed|violates foreign key constraint/.test(String((err as Error)?.message));

interface Written {
  /** The record's row id; null after a delete. */
  id: number | null;
  slug: string;
  version: number | null;
  before: SeedRecords[RecordKind] | null;
  after: SeedRecords[RecordKind] | null;
}

/**
 * Runs one mutation's transaction and everything around it: refusals become user errors,
 * an unchanged record is not rewritten, and after commit the loaders start afresh (so the
 * payload shows the new data) and subscribers hear of timeline changes.
 */
async function run(
  ctx: Context,
  kind: RecordKind,
  operation: TimelineChange['operation'],
  viewer: Viewer,
  work: (trx: Trx) => Promise<Written | 'unchanged'>,
  slugForUnchanged: () => string,
): Promise<WriteResult> {
  let written: Written | 'unchanged';
  const transaction = () =>
    ctx.store.db.transaction().execute(async (trx) => {
      // First: the rules on relations read the events around this one, which must not change before it commits.
      if (kindOf(kind).timeline) await ctx.store.adapter.serializeEventWrites(trx, { bounded: true });
      const result = await work(trx);
      if (result === 'unchanged') throw new Unchanged();
      if (result.id === null) await refreshSearchDocuments(trx, {}, [{ kind: kindOf(kind).subject, slug: result.slug }]);
      else await refreshSearchDocuments(trx, await searchScopeOf(trx, kind, result.id));
      await bumpDataVersion(trx);
      return result;
    });
  try {
    written = await settled(transaction);
  } catch (err) {
    if (err instanceof Rejection) return refused(err.userErrors);
    if (err instanceof Unsettled)
      return refused([
        userError(
          ['input'],
          `the ${kindOf(kind).noun} could not be written: ${TRANSACTION_ATTEMPTS} attempts each met another write at the same time and were rolled back (${err.message}); nothing was written, send it again`,
          'CONFLICT',
        ),
      ]);
    if (err instanceof Unchanged) written = 'unchanged';
    else if (operation === 'CREATE' && slugTaken(err)) {
      return refused([userError(['input', 'slug'], `${withArticle(kindOf(kind).noun)} with this slug already exists`, 'TAKEN')]);
    } else if (operation === 'DELETE' && stillReferenced(err)) {
      // A record citing this one was created while the delete ran.
      return refused([
        userError(
          ['input', 'id'],
          `the ${kindOf(kind).noun} is referred to by a record created meanwhile; change or delete that record first`,
          'IN_USE',
        ),
      ]);
    } else throw err;
  }
  ctx.refreshLoaders();
  const { typeName, fetch } = kindOf(kind);
  if (written === 'unchanged') return { node: await fetch(ctx, slugForUnchanged()), deletedId: null, userErrors: [] };
  ctx.log.info({ kind, slug: written.slug, operation, key: viewer.name, version: written.version }, 'record changed through the API');
  const { timeline } = kindOf(kind);
  if (timeline) {
    const current = (written.after ?? written.before)!;
    const change: TimelineChange = {
      operation,
      eventType: timeline.type,
      slug: written.slug,
      version: written.version,
      fields: timeline.matchFields(current),
      previous: operation === 'UPDATE' && written.before ? timeline.matchFields(written.before) : null,
      changedAt: new Date().toISOString(),
      // Key names may be e-mail addresses; subscribers (anyone) see the key's role.
      actor: viewer.role,
    };
    // The change is committed: a failure to announce it is logged, not reported as a failed write.
    await ctx.events
      .publish(change)
      .catch((err: unknown) => ctx.log.error({ err, slug: written.slug }, 'could not announce a timeline change to subscribers'));
  }
  if (operation === 'DELETE') return { node: null, deletedId: toGlobalId(typeName, written.slug), userErrors: [] };
  return { node: await fetch(ctx, written.slug), deletedId: null, userErrors: [] };
}

class Unchanged extends Error {}

/** How many times a transaction PostgreSQL rolled back to settle a deadlock or a serialization failure is run. */
const TRANSACTION_ATTEMPTS = 3;
/** PostgreSQL's deadlock_detected, serialization_failure and lock_not_available (the event-write lock's wait): the transaction was rolled back whole, and may simply be run again. */
const RETRYABLE = new Map([
  ['40P01', 'a deadlock'],
  ['40001', 'a serialization failure'],
  ['55P03', 'a wait for other writes that timed out'],
]);
const retryable = (err: unknown) => RETRYABLE.get(String((err as { code?: unknown })?.code));
class Unsettled extends Error {}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction, and runs it again (up to TRANSACTION_ATTEMPTS in all, after a short
 * random pause, so two writers chosen as each other's victims do not meet again in step)
 * when the database rolled it back to settle a deadlock or a serialization failure. Event
 * writes wait for each other (serializeEventWrites), so this is defence in depth: what is
 * left unsettled becomes a CONFLICT for the client, never a 500.
 */
async function settled<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      const what = retryable(err);
      if (!what) throw err;
      if (attempt >= TRANSACTION_ATTEMPTS) throw new Unsettled(what);
      await pause(10 + Math.random() * 40 * attempt);
    }
  }
}

const MAX_REASON = 2000;
const reasonOf = (input: { reason?: string | null }) => input.reason?.trim() || null;

/** The caller's key, once it may write; a reason too long to keep is refused, not cut. */
async function writer(ctx: Context, input: { reason?: string | null }): Promise<Viewer | WriteResult> {
  const viewer = await ctx.credentials.require('EDITOR');
  if ((reasonOf(input)?.length ?? 0) > MAX_REASON)
    return refused([userError(['input', 'reason'], `must be at most ${MAX_REASON} characters`, 'INVALID')]);
  return viewer;
}
const isRefusal = (value: Viewer | WriteResult): value is WriteResult => 'userErrors' in value;

export async function createRecord<K extends RecordKind>(
  ctx: Context,
  kind: K,
  mutation: string,
  input: { slug?: string; reason?: string | null },
): Promise<WriteResult> {
  const viewer = await writer(ctx, input);
  if (isRefusal(viewer)) return viewer;
  const { candidate, errors } = candidateFrom(kind, input, null);
  const slug = String(input.slug);
  return run(
    ctx,
    kind,
    'CREATE',
    viewer,
    async (trx) => {
      // First: the rules below would judge the record against the one already holding the slug.
      const taken = await trx.selectFrom(kindOf(kind).table).select('id').where('slug', '=', slug).executeTakeFirst();
      if (taken)
        throw new Rejection([
          userError(['input', 'slug'], `${withArticle(kindOf(kind).noun)} with the slug "${slug}" already exists`, 'TAKEN'),
        ]);
      const value = await validated(trx, ctx, kind, candidate, errors);
      const id = await insertRecord(trx, kind, value);
      await trx.deleteFrom('tombstones').where('subject_type', '=', kindOf(kind).subject).where('slug', '=', value.slug).execute();
      await recordChange(trx, {
        kind,
        slug: value.slug,
        id,
        operation: 'CREATE',
        mutation,
        keyName: viewer.name,
        keyRole: viewer.role,
        reason: reasonOf(input),
        version: 1,
        before: null,
        after: value,
      });
      return { id, slug: value.slug, version: 1, before: null, after: value };
    },
    () => slug,
  );
}

/**
 * Updates a record: `edit` turns the record as stored into the record wanted (the default
 * lays the input's fields over it). A result equal to the stored record writes nothing.
 */
export async function updateRecord<K extends RecordKind>(
  ctx: Context,
  kind: K,
  mutation: string,
  input: { id: string; version: number; reason?: string | null },
  options: { idField?: string; edit?: (existing: SeedRecords[K]) => { candidate: Plain; errors: UserError[] } } = {},
): Promise<WriteResult> {
  const viewer = await writer(ctx, input);
  if (isRefusal(viewer)) return viewer;
  const idField = options.idField ?? 'id';
  let slug: string;
  try {
    slug = slugFromId(kind, input.id, ['input', idField]);
  } catch (err) {
    if (err instanceof Rejection) return refused(err.userErrors);
    throw err;
  }
  const edit = options.edit ?? ((existing: SeedRecords[K]) => candidateFrom(kind, input, existing));
  return run(
    ctx,
    kind,
    'UPDATE',
    viewer,
    async (trx) => {
      const claimed = await claim(trx, kind, slug, input.version);
      const before = (await readRecord(trx, kind, slug))!.value;
      const { candidate, errors } = edit(before);
      const after = await validated(trx, ctx, kind, candidate, errors, dateFieldOf(input));
      if (canonical(after) === canonical(before)) return 'unchanged';
      await rewriteRecord(trx, kind, claimed.id, after);
      await recordChange(trx, {
        kind,
        slug,
        id: claimed.id,
        operation: 'UPDATE',
        mutation,
        keyName: viewer.name,
        keyRole: viewer.role,
        reason: reasonOf(input),
        version: claimed.version,
        before,
        after,
      });
      return { id: claimed.id, slug, version: claimed.version, before, after };
    },
    () => slug,
  );
}

export async function deleteRecordById(
  ctx: Context,
  kind: RecordKind,
  mutation: string,
  input: { id: string; version: number; reason?: string | null },
): Promise<WriteResult> {
  const viewer = await writer(ctx, input);
  if (isRefusal(viewer)) return viewer;
  let slug: string;
  try {
    slug = slugFromId(kind, input.id, ['input', 'id']);
  } catch (err) {
    if (err instanceof Rejection) return refused(err.userErrors);
    throw err;
  }
  return run(
    ctx,
    kind,
    'DELETE',
    viewer,
    async (trx) => {
      const claimed = await claim(trx, kind, slug, input.version);
      const inUse = await referencesTo(trx, kind, claimed.id);
      if (inUse.length) {
        throw new Rejection([
          userError(
            ['input', 'id'],
            `the ${kindOf(kind).noun} "${slug}" is still referred to by ${inUse.join('; ')}; change or delete those first`,
            'IN_USE',
          ),
        ]);
      }
      const before = (await readRecord(trx, kind, slug))!.value;
      await deleteRecord(trx, kind, claimed.id);
      const { subject } = kindOf(kind);
      await trx.deleteFrom('tombstones').where('subject_type', '=', subject).where('slug', '=', slug).execute();
      await trx.insertInto('tombstones').values({ subject_type: subject, slug }).execute();
      await recordChange(trx, {
        kind,
        slug,
        id: claimed.id,
        operation: 'DELETE',
        mutation,
        keyName: viewer.name,
        keyRole: viewer.role,
        reason: reasonOf(input),
        version: null,
        before,
        after: null,
      });
      return { id: null, slug, version: null, before, after: null };
    },
    () => slug,
  );
}

/** The GraphQL types of timeline events, for messages: "A or B". */
const eventTypeNames = () =>
  KINDS.filter((def) => def.timeline)
    .map((def) => def.typeName)
    .join(' or ');

/** Which kind of timeline event a global id names (events take sources one at a time). */
export function eventKindOf(id: string): RecordKind | null {
  const def = kindByType(fromGlobalId(id)?.type ?? '');
  return def?.timeline ? def.key : null;
}

/** An edit of a timeline event's sources, run as an update of the event; `check` refuses bad input before anything is read. */
async function editSources(
  ctx: Context,
  mutation: string,
  input: { eventId: string; version: number; reason?: string | null },
  check: () => UserError | null,
  edit: (sources: SeedSource[]) => { sources: unknown[]; errors: UserError[] },
): Promise<WriteResult> {
  await ctx.credentials.require('EDITOR');
  const kind = eventKindOf(input.eventId);
  if (!kind) return refused([userError(['input', 'eventId'], `not the id of a timeline event (${eventTypeNames()})`, 'INVALID')]);
  const refusal = check();
  if (refusal) return refused([refusal]);
  return updateRecord(
    ctx,
    kind,
    mutation,
    { id: input.eventId, version: input.version, reason: input.reason },
    {
      idField: 'eventId',
      edit: (existing) => {
        const { sources, errors } = edit(sourcesOf(existing));
        return { candidate: { ...existing, sources }, errors };
      },
    },
  );
}

export function addEventSource(
  ctx: Context,
  input: { eventId: string; version: number; source: object; reason?: string | null },
): Promise<WriteResult> {
  return editSources(
    ctx,
    'addEventSource',
    input,
    () => null,
    (sources) => {
      const errors: UserError[] = [];
      const [source] = foldSources([plain(input.source)], ['input', 'source'], errors) as Plain[];
      if (sources.some((s) => s.url === source!.url))
        errors.push(userError(['input', 'source', 'url'], 'this source is already cited by the event', 'TAKEN'));
      return { sources: [...sources, source], errors };
    },
  );
}

export function removeEventSource(
  ctx: Context,
  input: { eventId: string; version: number; sourceId?: string | null; url?: string | null; reason?: string | null },
): Promise<WriteResult> {
  const key = input.sourceId != null ? fromGlobalId(input.sourceId) : null;
  const matches = (s: SeedSource) => (key ? sourceKey(s.url) === key.key : s.url === input.url);
  const field = ['input', key ? 'sourceId' : 'url'];
  return editSources(
    ctx,
    'removeEventSource',
    input,
    () => {
      if ((input.sourceId == null) === (input.url == null)) return userError(['input'], 'give exactly one of sourceId or url', 'INVALID');
      if (input.sourceId != null && key?.type !== 'Source') return userError(['input', 'sourceId'], 'not the id of a Source', 'INVALID');
      return null;
    },
    (sources) => {
      const kept = sources.filter((s) => !matches(s));
      if (kept.length === sources.length) throw new Rejection([userError(field, 'the event does not cite this source', 'NOT_FOUND')]);
      if (kept.length === 0)
        throw new Rejection([
          userError(
            field,
            "this is the event's only source, and every timeline event keeps at least one; add the replacement first",
            'SOURCE_REQUIRED',
          ),
        ]);
      return { sources: kept, errors: [] };
    },
  );
}
