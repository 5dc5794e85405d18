import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from '../db/connect';
import { bumpDataVersion } from '../db/data-version';
import type { CitationSubject, Database } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { isOpenAccess } from '../domain/vocabulary';
import { rebuildSearchIndex, searchIndexIsEmpty } from '../search/search.indexer';
import { sourceKey } from '../sources/source.service';
import type { SeedData } from './seed.loader';
import type { SeedSource } from './seed.schema';

/*
 * Applies validated seed data in one transaction, upserting by slug. Each record's
 * content hash is stored, so a re-seed touches (and bumps the version of) only records
 * whose seed text changed; everything else is counted as unchanged. Records that exist
 * in the database but not in the seed are left alone.
 */

export interface Tally {
  inserted: number;
  updated: number;
  unchanged: number;
}
export type SeedReport = Record<'organizations' | 'people' | 'licenses' | 'releases' | 'policyPositions', Tally>;

type Trx = Transaction<Database>;
type MainTable = 'organizations' | 'people' | 'licenses' | 'releases' | 'policy_positions';

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function dateParts(value: string | undefined) {
  const parsed = value === undefined ? null : parseCuratedDate(value);
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

/** Inserts or updates one record by slug; returns its id and whether it changed. */
async function upsert(trx: Trx, table: MainTable, slug: string, hash: string, values: Record<string, unknown>, tally: Tally) {
  const existing = await trx.selectFrom(table).select(['id', 'content_hash']).where('slug', '=', slug).executeTakeFirst();
  if (!existing) {
    const row = await trx
      .insertInto(table)
      .values({ ...values, slug, content_hash: hash } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    tally.inserted++;
    return { id: row.id, changed: true };
  }
  if (existing.content_hash === hash) {
    tally.unchanged++;
    return { id: existing.id, changed: false };
  }
  await trx
    .updateTable(table)
    .set({ ...values, content_hash: hash, version: sql`version + 1`, updated_at: sql`CURRENT_TIMESTAMP` } as never)
    .where('id', '=', existing.id)
    .execute();
  tally.updated++;
  return { id: existing.id, changed: true };
}

async function upsertSources(trx: Trx, sources: SeedSource[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const s of sources) {
    if (ids.has(s.url)) continue;
    const published = dateParts(s.publishedOn);
    const values = {
      key: sourceKey(s.url),
      url: s.url,
      title: s.title,
      publisher: s.publisher ?? null,
      published_on: published.date,
      published_on_precision: published.precision,
      accessed_on: dateParts(s.accessedOn).date,
      accessed_on_precision: dateParts(s.accessedOn).precision,
    };
    const row = await trx
      .insertInto('sources')
      .values(values)
      .onConflict((oc) => oc.column('url').doUpdateSet({ title: values.title, publisher: values.publisher, published_on: values.published_on, published_on_precision: values.published_on_precision, accessed_on: values.accessed_on, accessed_on_precision: values.accessed_on_precision }))
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(s.url, row.id);
  }
  return ids;
}

async function replaceCitations(trx: Trx, subject: CitationSubject, subjectId: number, sources: SeedSource[] | undefined, sourceIds: Map<string, number>) {
  await trx.deleteFrom('citations').where('subject_type', '=', subject).where('subject_id', '=', subjectId).execute();
  const rows = (sources ?? []).map((s, ordinal) => ({ subject_type: subject, subject_id: subjectId, source_id: sourceIds.get(s.url)!, ordinal }));
  if (rows.length) await trx.insertInto('citations').values(rows).execute();
}

const tally = (): Tally => ({ inserted: 0, updated: 0, unchanged: 0 });

export async function applySeed(store: Store, data: SeedData): Promise<SeedReport> {
  const { adapter } = store;
  const report: SeedReport = { organizations: tally(), people: tally(), licenses: tally(), releases: tally(), policyPositions: tally() };
  await store.db.transaction().execute(async (trx) => {
    const allSources = [data.organizations, data.people, data.licenses, data.releases, data.policyPositions].flatMap((items) =>
      items.flatMap((i) => (i.value as { sources?: SeedSource[] }).sources ?? []),
    );
    const sourceIds = await upsertSources(trx, allSources);
    const idOf = async (table: MainTable, slug: string) => (await trx.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

    for (const { value: o } of data.organizations) {
      const { id, changed } = await upsert(trx, 'organizations', o.slug, hashOf(o), {
        name: o.name, kind: o.kind, description: o.description ?? null, website: o.website ?? null,
        stock_ticker: o.stockTicker ?? null, business_model: o.businessModel ?? null,
      }, report.organizations);
      if (changed) await replaceCitations(trx, 'ORGANIZATION', id, o.sources, sourceIds);
    }

    for (const { value: l } of data.licenses) {
      const { id, changed } = await upsert(trx, 'licenses', l.slug, hashOf(l), {
        name: l.name, spdx_id: l.spdxId ?? null, url: l.url ?? null, osi_approved: adapter.bool(l.osiApproved),
        allows_commercial_use: adapter.bool(l.allowsCommercialUse), user_threshold: l.userThreshold ?? null,
      }, report.licenses);
      if (!changed) continue;
      await trx.deleteFrom('license_restrictions').where('license_id', '=', id).execute();
      if (l.restrictions.length) await trx.insertInto('license_restrictions').values(l.restrictions.map((text, ordinal) => ({ license_id: id, ordinal, text }))).execute();
      await replaceCitations(trx, 'LICENSE', id, l.sources, sourceIds);
    }

    for (const { value: p } of data.people) {
      const { id, changed } = await upsert(trx, 'people', p.slug, hashOf(p), { name: p.name, description: p.description ?? null }, report.people);
      if (!changed) continue;
      await trx.deleteFrom('roles').where('person_id', '=', id).execute();
      for (const [ordinal, role] of p.roles.entries()) {
        const start = dateParts(role.startedOn);
        const end = dateParts(role.endedOn);
        await trx.insertInto('roles').values({
          person_id: id, organization_id: await idOf('organizations', role.organization), ordinal, title: role.title,
          started_on: start.date, started_on_precision: start.precision, ended_on: end.date, ended_on_precision: end.precision,
        }).execute();
      }
      await replaceCitations(trx, 'PERSON', id, p.sources, sourceIds);
    }

    // Releases refer to each other (predecessor, comparedWith): rows first, links second.
    const changedReleases: Array<{ id: number; value: (typeof data.releases)[number]['value'] }> = [];
    for (const { value: r } of data.releases) {
      const date = parseCuratedDate(r.date)!;
      const { id, changed } = await upsert(trx, 'releases', r.slug, hashOf(r), {
        name: r.name, title: r.title, artifact_type: r.artifactType, family: r.family ?? null,
        organization_id: await idOf('organizations', r.organization), date: date.date, date_precision: date.precision,
        summary: r.summary ?? null, access_level: r.accessLevel, is_open: adapter.bool(isOpenAccess(r.accessLevel)),
        license_id: r.license ? await idOf('licenses', r.license) : null,
      }, report.releases);
      if (changed) changedReleases.push({ id, value: r });
    }
    for (const { id, value: r } of changedReleases) {
      await trx.updateTable('releases').set({ predecessor_id: r.predecessor ? await idOf('releases', r.predecessor) : null }).where('id', '=', id).execute();
      await trx.deleteFrom('release_variants').where('release_id', '=', id).execute();
      await trx.deleteFrom('release_modalities').where('release_id', '=', id).execute();
      await trx.deleteFrom('release_comparisons').where('release_id', '=', id).execute();
      if (r.variants.length) {
        await trx.insertInto('release_variants').values(r.variants.map((v, ordinal) => ({
          release_id: id, ordinal, name: v.name, parameter_count: v.parameterCount ?? null, active_parameter_count: v.activeParameterCount ?? null,
        }))).execute();
      }
      if (r.modalities.length) await trx.insertInto('release_modalities').values(r.modalities.map((modality, ordinal) => ({ release_id: id, ordinal, modality }))).execute();
      for (const [ordinal, slug] of r.comparedWith.entries()) {
        await trx.insertInto('release_comparisons').values({ release_id: id, compared_release_id: await idOf('releases', slug), ordinal }).execute();
      }
      await replaceCitations(trx, 'RELEASE', id, r.sources, sourceIds);
    }

    for (const { value: p } of data.policyPositions) {
      const date = parseCuratedDate(p.date)!;
      const { id, changed } = await upsert(trx, 'policy_positions', p.slug, hashOf(p), {
        title: p.title, date: date.date, date_precision: date.precision, summary: p.summary ?? null,
        actor_person_id: 'person' in p.actor ? await idOf('people', p.actor.person) : null,
        actor_organization_id: 'organization' in p.actor ? await idOf('organizations', p.actor.organization) : null,
        organization_id: await idOf('organizations', p.organization), topic: p.topic, stance: p.stance, quote: p.quote ?? null,
      }, report.policyPositions);
      if (!changed) continue;
      await trx.deleteFrom('position_arguments').where('position_id', '=', id).execute();
      if (p.arguments.length) await trx.insertInto('position_arguments').values(p.arguments.map((text, ordinal) => ({ position_id: id, ordinal, text }))).execute();
      await replaceCitations(trx, 'POLICY_POSITION', id, p.sources, sourceIds);
    }

    const changed = Object.values(report).some((t) => t.inserted + t.updated > 0);
    if (changed || (await searchIndexIsEmpty(trx))) await rebuildSearchIndex(trx);
    if (changed) await bumpDataVersion(trx);
  });
  return report;
}

/** True when the store holds no data yet (start-up seeds only then). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
