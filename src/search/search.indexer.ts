import type { Kysely } from 'kysely';
import type { Database, SearchDocumentTable } from '../db/database';
import { groupBy } from '../db/rows';

/*
 * What is searchable: one document per organization, person, release and position, its
 * title and a body of the text around it (summary, quote, names of related records).
 * Rebuilt whole inside the transaction that changed the data, so it is never stale.
 */

type Doc = SearchDocumentTable;
const join = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' — ');

/** Which records' documents to (re)build, by id; all of them when no scope is given. */
export interface SearchScope {
  organizations: number[];
  people: number[];
  releases: number[];
  positions: number[];
}

async function documents(db: Kysely<Database>, scope?: SearchScope): Promise<Doc[]> {
  // Within a scope, an empty id list means none of that kind: skip its queries.
  const some = <T>(ids: number[] | undefined, run: () => Promise<T[]>): Promise<T[]> =>
    ids && ids.length === 0 ? Promise.resolve([]) : run();
  const [orgs, people, roles, releases, variants, positions, args] = await Promise.all([
    some(scope?.organizations, () =>
      db
        .selectFrom('organizations')
        .select(['id', 'slug', 'name', 'description', 'business_model', 'stock_ticker'])
        .$if(!!scope, (q) => q.where('id', 'in', scope!.organizations))
        .execute(),
    ),
    some(scope?.people, () =>
      db
        .selectFrom('people')
        .select(['id', 'slug', 'name', 'description'])
        .$if(!!scope, (q) => q.where('id', 'in', scope!.people))
        .execute(),
    ),
    some(scope?.people, () =>
      db
        .selectFrom('roles as r')
        .innerJoin('organizations as o', 'o.id', 'r.organization_id')
        .select(['r.person_id', 'r.title', 'o.name as organization'])
        .$if(!!scope, (q) => q.where('r.person_id', 'in', scope!.people))
        .orderBy('r.person_id')
        .orderBy('r.ordinal')
        .execute(),
    ),
    some(scope?.releases, () =>
      db
        .selectFrom('releases as r')
        .innerJoin('organizations as o', 'o.id', 'r.organization_id')
        .leftJoin('licenses as l', 'l.id', 'r.license_id')
        .select(['r.id', 'r.slug', 'r.name', 'r.title', 'r.summary', 'r.family', 'o.name as organization', 'l.name as license'])
        .$if(!!scope, (q) => q.where('r.id', 'in', scope!.releases))
        .execute(),
    ),
    some(scope?.releases, () =>
      db
        .selectFrom('release_variants')
        .select(['release_id', 'name'])
        .$if(!!scope, (q) => q.where('release_id', 'in', scope!.releases))
        .orderBy('release_id')
        .orderBy('ordinal')
        .execute(),
    ),
    some(scope?.positions, () =>
      db
        .selectFrom('policy_positions as p')
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .leftJoin('people as a', 'a.id', 'p.actor_person_id')
        .select(['p.id', 'p.slug', 'p.title', 'p.summary', 'p.quote', 'o.name as organization', 'a.name as actor'])
        .$if(!!scope, (q) => q.where('p.id', 'in', scope!.positions))
        .execute(),
    ),
    some(scope?.positions, () =>
      db
        .selectFrom('position_arguments')
        .select(['position_id', 'text'])
        .$if(!!scope, (q) => q.where('position_id', 'in', scope!.positions))
        .orderBy('position_id')
        .orderBy('ordinal')
        .execute(),
    ),
  ]);
  const rolesOf = groupBy(roles, (r) => r.person_id);
  const variantsOf = groupBy(variants, (v) => v.release_id);
  const argumentsOf = groupBy(args, (a) => a.position_id);
  return [
    ...orgs.map((o) => ({
      kind: 'ORGANIZATION',
      slug: o.slug,
      title: o.name,
      body: join(o.description, o.business_model, o.stock_ticker),
    })),
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

async function insertDocuments(db: Kysely<Database>, docs: Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200)
    await db
      .insertInto('search_documents')
      .values(docs.slice(i, i + 200))
      .execute();
}

export async function rebuildSearchIndex(db: Kysely<Database>): Promise<number> {
  const docs = await documents(db);
  await db.deleteFrom('search_documents').execute();
  await insertDocuments(db, docs);
  return docs.length;
}

export async function searchIndexIsEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('search_documents').select('slug').limit(1).executeTakeFirst()) === undefined;
}

/**
 * Rebuilds the documents of the records in `scope` and drops those of deleted records:
 * what one curation write needs, instead of a whole rebuild.
 */
export async function refreshSearchDocuments(
  db: Kysely<Database>,
  scope: SearchScope,
  removed: ReadonlyArray<{ kind: string; slug: string }> = [],
): Promise<number> {
  const docs = await documents(db, scope);
  // One statement per kind and chunk: SQLite's FTS table has no index on (kind, slug), so each statement is a scan.
  for (const [kind, slugs] of groupBy([...removed, ...docs], (d) => d.kind)) {
    for (let i = 0; i < slugs.length; i += 500) {
      await db
        .deleteFrom('search_documents')
        .where('kind', '=', kind)
        .where(
          'slug',
          'in',
          slugs.slice(i, i + 500).map((d) => d.slug),
        )
        .execute();
    }
  }
  await insertDocuments(db, docs);
  return docs.length;
}

/** The records whose documents mention a record: itself, and those whose text carries its name. */
export async function searchScopeOf(
  db: Kysely<Database>,
  kind: 'ORGANIZATION' | 'PERSON' | 'LICENSE' | 'RELEASE' | 'POLICY_POSITION',
  id: number,
): Promise<SearchScope> {
  const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);
  const scope: SearchScope = { organizations: [], people: [], releases: [], positions: [] };
  if (kind === 'ORGANIZATION') {
    scope.organizations = [id];
    scope.releases = ids(await db.selectFrom('releases').select('id').where('organization_id', '=', id).execute());
    scope.positions = ids(
      await db
        .selectFrom('policy_positions')
        .select('id')
        .where((eb) => eb.or([eb('organization_id', '=', id), eb('actor_organization_id', '=', id)]))
        .execute(),
    );
    scope.people = [
      ...new Set((await db.selectFrom('roles').select('person_id').where('organization_id', '=', id).execute()).map((r) => r.person_id)),
    ];
  } else if (kind === 'PERSON') {
    scope.people = [id];
    scope.positions = ids(await db.selectFrom('policy_positions').select('id').where('actor_person_id', '=', id).execute());
  } else if (kind === 'LICENSE') {
    scope.releases = ids(await db.selectFrom('releases').select('id').where('license_id', '=', id).execute());
  } else if (kind === 'RELEASE') {
    scope.releases = [id];
  } else {
    scope.positions = [id];
  }
  return scope;
}
