import type { Kysely } from 'kysely';
import type { Database, SearchDocumentTable } from '../db/database';

/*
 * What is searchable: one document per organization, person, release and position, its
 * title and a body of the text around it (summary, quote, names of related records).
 * Rebuilt whole inside the transaction that changed the data, so it is never stale.
 */

type Doc = SearchDocumentTable;
const join = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' — ');

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

async function documents(db: Kysely<Database>): Promise<Doc[]> {
  const [orgs, people, roles, releases, variants, positions, args] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'slug', 'name', 'description', 'business_model', 'stock_ticker']).execute(),
    db.selectFrom('people').select(['id', 'slug', 'name', 'description']).execute(),
    db.selectFrom('roles as r').innerJoin('organizations as o', 'o.id', 'r.organization_id').select(['r.person_id', 'r.title', 'o.name as organization']).orderBy('r.person_id').orderBy('r.ordinal').execute(),
    db
      .selectFrom('releases as r')
      .innerJoin('organizations as o', 'o.id', 'r.organization_id')
      .leftJoin('licenses as l', 'l.id', 'r.license_id')
      .select(['r.id', 'r.slug', 'r.name', 'r.title', 'r.summary', 'r.family', 'o.name as organization', 'l.name as license'])
      .execute(),
    db.selectFrom('release_variants').select(['release_id', 'name']).orderBy('release_id').orderBy('ordinal').execute(),
    db
      .selectFrom('policy_positions as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .leftJoin('people as a', 'a.id', 'p.actor_person_id')
      .select(['p.id', 'p.slug', 'p.title', 'p.summary', 'p.quote', 'o.name as organization', 'a.name as actor'])
      .execute(),
    db.selectFrom('position_arguments').select(['position_id', 'text']).orderBy('position_id').orderBy('ordinal').execute(),
  ]);
  const rolesOf = groupBy(roles, (r) => r.person_id);
  const variantsOf = groupBy(variants, (v) => v.release_id);
  const argumentsOf = groupBy(args, (a) => a.position_id);
  return [
    ...orgs.map((o) => ({ kind: 'ORGANIZATION', slug: o.slug, title: o.name, body: join(o.description, o.business_model, o.stock_ticker) })),
    ...people.map((p) => ({
      kind: 'PERSON',
      slug: p.slug,
      title: p.name,
      body: join(p.description, ...(rolesOf.get(p.id) ?? []).map((r) => `${r.title}, ${r.organization}`)),
    })),
    ...releases.map((r) => ({
      kind: 'RELEASE',
      slug: r.slug,
      title: r.name,
      body: join(r.title, r.summary, r.family, r.organization, r.license, ...(variantsOf.get(r.id) ?? []).map((v) => v.name)),
    })),
    ...positions.map((p) => ({
      kind: 'POLICY_POSITION',
      slug: p.slug,
      title: p.title,
      body: join(p.summary, p.quote, p.actor, p.organization, ...(argumentsOf.get(p.id) ?? []).map((a) => a.text)),
    })),
  ];
}

export async function rebuildSearchIndex(db: Kysely<Database>): Promise<number> {
  const docs = await documents(db);
  await db.deleteFrom('search_documents').execute();
  for (let i = 0; i < docs.length; i += 200) await db.insertInto('search_documents').values(docs.slice(i, i + 200)).execute();
  return docs.length;
}

export async function searchIndexIsEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('search_documents').select('slug').limit(1).executeTakeFirst()) === undefined;
}
