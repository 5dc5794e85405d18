import { sql, type Transaction } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type { CitationSubject, Database, DatePrecisionValue } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { isOpenAccess } from '../domain/vocabulary';
import type { SeedSource } from '../seed/seed.schema';
import { sourceKey } from '../sources/source.service';
import { SUBJECT_OF, TABLE_OF, type RecordKind, type SeedRecords } from './records';

/*
 * The rows of one validated record (seed format): the main row's columns and the child
 * rows, replaced whole. Shared by the seed (which resolves slugs from maps it holds) and
 * the mutations (which look them up); references have been checked by then, so a slug
 * that does not resolve is a bug, not a user's mistake.
 */

type Trx = Transaction<Database>;
export type RefTable = 'organizations' | 'people' | 'licenses' | 'releases';
/** A referenced record's id by slug. */
export type Resolve = (table: RefTable, slug: string) => number | Promise<number>;

export function dateParts(value: string | undefined): { date: string | null; precision: DatePrecisionValue | null } {
  const parsed = value === undefined ? null : parseCuratedDate(value);
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

export async function idOf(trx: Trx, table: RefTable, slug: string): Promise<number> {
  return (await trx.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/**
 * The main row's columns for a record. A release's link to its predecessor is left out
 * when `links` is false: the seed writes every release before it links them.
 */
export async function mainRow<K extends RecordKind>(
  a: DialectAdapter,
  kind: K,
  value: SeedRecords[K],
  resolve: Resolve,
  links = true,
): Promise<Record<string, unknown>> {
  switch (kind) {
    case 'organizations': {
      const o = value as SeedRecords['organizations'];
      return {
        name: o.name,
        kind: o.kind,
        description: o.description ?? null,
        website: o.website ?? null,
        stock_ticker: o.stockTicker ?? null,
        business_model: o.businessModel ?? null,
      };
    }
    case 'people': {
      const p = value as SeedRecords['people'];
      return { name: p.name, description: p.description ?? null };
    }
    case 'licenses': {
      const l = value as SeedRecords['licenses'];
      return {
        name: l.name,
        spdx_id: l.spdxId ?? null,
        url: l.url ?? null,
        osi_approved: a.bool(l.osiApproved),
        allows_commercial_use: a.bool(l.allowsCommercialUse),
        user_threshold: l.userThreshold ?? null,
      };
    }
    case 'releases': {
      const r = value as SeedRecords['releases'];
      const date = dateParts(r.date);
      return {
        name: r.name,
        title: r.title,
        artifact_type: r.artifactType,
        family: r.family ?? null,
        organization_id: await resolve('organizations', r.organization),
        date: date.date,
        date_precision: date.precision,
        summary: r.summary ?? null,
        access_level: r.accessLevel,
        is_open: a.bool(isOpenAccess(r.accessLevel)),
        license_id: r.license ? await resolve('licenses', r.license) : null,
        ...(links ? { predecessor_id: r.predecessor ? await resolve('releases', r.predecessor) : null } : {}),
      };
    }
    default: {
      const p = value as SeedRecords['policyPositions'];
      const date = dateParts(p.date);
      return {
        title: p.title,
        date: date.date,
        date_precision: date.precision,
        summary: p.summary ?? null,
        actor_person_id: 'person' in p.actor ? await resolve('people', p.actor.person) : null,
        actor_organization_id: 'organization' in p.actor ? await resolve('organizations', p.actor.organization) : null,
        organization_id: await resolve('organizations', p.organization),
        topic: p.topic,
        stance: p.stance,
        quote: p.quote ?? null,
      };
    }
  }
}

/**
 * Writes a record's child rows (roles, restrictions, variants, modalities, comparisons,
 * arguments); `fresh` for a record just inserted, which has none to clear.
 */
export async function writeChildren<K extends RecordKind>(
  trx: Trx,
  kind: K,
  id: number,
  value: SeedRecords[K],
  resolve: Resolve,
  fresh: boolean,
): Promise<void> {
  if (kind === 'people') {
    const p = value as SeedRecords['people'];
    if (!fresh) await trx.deleteFrom('roles').where('person_id', '=', id).execute();
    const roles = [];
    for (const [ordinal, role] of p.roles.entries()) {
      const start = dateParts(role.startedOn);
      const end = dateParts(role.endedOn);
      roles.push({
        person_id: id,
        organization_id: await resolve('organizations', role.organization),
        ordinal,
        title: role.title,
        started_on: start.date,
        started_on_precision: start.precision,
        ended_on: end.date,
        ended_on_precision: end.precision,
      });
    }
    if (roles.length) await trx.insertInto('roles').values(roles).execute();
  } else if (kind === 'licenses') {
    const l = value as SeedRecords['licenses'];
    if (!fresh) await trx.deleteFrom('license_restrictions').where('license_id', '=', id).execute();
    if (l.restrictions.length)
      await trx
        .insertInto('license_restrictions')
        .values(l.restrictions.map((text, ordinal) => ({ license_id: id, ordinal, text })))
        .execute();
  } else if (kind === 'releases') {
    const r = value as SeedRecords['releases'];
    if (!fresh) {
      await trx.deleteFrom('release_variants').where('release_id', '=', id).execute();
      await trx.deleteFrom('release_modalities').where('release_id', '=', id).execute();
      await trx.deleteFrom('release_comparisons').where('release_id', '=', id).execute();
    }
    if (r.variants.length) {
      await trx
        .insertInto('release_variants')
        .values(
          r.variants.map((v, ordinal) => ({
            release_id: id,
            ordinal,
            name: v.name,
            parameter_count: v.parameterCount ?? null,
            active_parameter_count: v.activeParameterCount ?? null,
          })),
        )
        .execute();
    }
    if (r.modalities.length)
      await trx
        .insertInto('release_modalities')
        .values(r.modalities.map((modality, ordinal) => ({ release_id: id, ordinal, modality })))
        .execute();
    const compared = [];
    for (const [ordinal, slug] of r.comparedWith.entries())
      compared.push({ release_id: id, compared_release_id: await resolve('releases', slug), ordinal });
    if (compared.length) await trx.insertInto('release_comparisons').values(compared).execute();
  } else if (kind === 'policyPositions') {
    const p = value as SeedRecords['policyPositions'];
    if (!fresh) await trx.deleteFrom('position_arguments').where('position_id', '=', id).execute();
    if (p.arguments.length)
      await trx
        .insertInto('position_arguments')
        .values(p.arguments.map((text, ordinal) => ({ position_id: id, ordinal, text })))
        .execute();
  }
}

/**
 * Stores a source (one row per URL) and returns its id. Callers have checked that an
 * existing URL's details agree. Two writers adding the same new URL at once both succeed:
 * the second finds the first's row rather than failing on the unique URL.
 */
async function sourceId(trx: Trx, s: SeedSource): Promise<number> {
  const existing = await trx.selectFrom('sources').select('id').where('url', '=', s.url).executeTakeFirst();
  if (existing) return existing.id;
  const published = dateParts(s.publishedOn);
  const accessed = dateParts(s.accessedOn);
  const row = await trx
    .insertInto('sources')
    .values({
      key: sourceKey(s.url),
      url: s.url,
      title: s.title,
      publisher: s.publisher ?? null,
      published_on: published.date,
      published_on_precision: published.precision,
      accessed_on: accessed.date,
      accessed_on_precision: accessed.precision,
    })
    .onConflict((oc) => oc.doNothing()) // on the URL or on its key, whichever the racing insert hits first
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? (await trx.selectFrom('sources').select('id').where('url', '=', s.url).executeTakeFirstOrThrow()).id;
}

async function writeCitations(trx: Trx, subject: CitationSubject, id: number, sources: SeedSource[] | undefined): Promise<void> {
  await trx.deleteFrom('citations').where('subject_type', '=', subject).where('subject_id', '=', id).execute();
  // New URLs are stored in URL order, so two writers adding the same ones cannot wait on each other in a cycle.
  const ids = new Map<string, number>();
  for (const s of [...(sources ?? [])].sort((x, y) => (x.url < y.url ? -1 : x.url > y.url ? 1 : 0))) ids.set(s.url, await sourceId(trx, s));
  const rows = (sources ?? []).map((s, ordinal) => ({ subject_type: subject, subject_id: id, source_id: ids.get(s.url)!, ordinal }));
  if (rows.length) await trx.insertInto('citations').values(rows).execute();
}

const lookup =
  (trx: Trx): Resolve =>
  (table, slug) =>
    idOf(trx, table, slug);

/** Inserts a new record made through the API; returns its id. */
export async function insertRecord<K extends RecordKind>(trx: Trx, a: DialectAdapter, kind: K, value: SeedRecords[K]): Promise<number> {
  const row = await trx
    .insertInto(TABLE_OF[kind] as 'releases')
    .values({ ...(await mainRow(a, kind, value, lookup(trx))), slug: value.slug, origin: 'API', content_hash: null } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeChildren(trx, kind, row.id, value, lookup(trx), true);
  await writeCitations(trx, SUBJECT_OF[kind], row.id, (value as { sources?: SeedSource[] }).sources);
  return row.id;
}

/** Rewrites an existing record (whose version the caller has already claimed). */
export async function rewriteRecord<K extends RecordKind>(
  trx: Trx,
  a: DialectAdapter,
  kind: K,
  id: number,
  value: SeedRecords[K],
): Promise<void> {
  await trx
    .updateTable(TABLE_OF[kind] as 'releases')
    .set({ ...(await mainRow(a, kind, value, lookup(trx))), origin: 'API', updated_at: sql`CURRENT_TIMESTAMP` } as never)
    .where('id', '=', id)
    .execute();
  await writeChildren(trx, kind, id, value, lookup(trx), false);
  await writeCitations(trx, SUBJECT_OF[kind], id, (value as { sources?: SeedSource[] }).sources);
}

/** Deletes a record, its child rows and its citations (references to it have been checked). */
export async function deleteRecord(trx: Trx, kind: RecordKind, id: number): Promise<void> {
  await trx.deleteFrom('citations').where('subject_type', '=', SUBJECT_OF[kind]).where('subject_id', '=', id).execute();
  if (kind === 'people') await trx.deleteFrom('roles').where('person_id', '=', id).execute();
  if (kind === 'licenses') await trx.deleteFrom('license_restrictions').where('license_id', '=', id).execute();
  if (kind === 'releases') {
    await trx.deleteFrom('release_variants').where('release_id', '=', id).execute();
    await trx.deleteFrom('release_modalities').where('release_id', '=', id).execute();
    await trx.deleteFrom('release_comparisons').where('release_id', '=', id).execute();
  }
  if (kind === 'policyPositions') await trx.deleteFrom('position_arguments').where('position_id', '=', id).execute();
  await trx.deleteFrom(TABLE_OF[kind]).where('id', '=', id).execute();
}
