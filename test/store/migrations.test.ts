import { Migrator, sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { initial } from '../../src/db/migrations/001-initial';
import { search } from '../../src/db/migrations/002-search';
import { dataVersion } from '../../src/db/migrations/003-data-version';
import { openIndex } from '../../src/db/migrations/004-open-index';
import { curation } from '../../src/db/migrations/005-curation';
import { changeSubjects } from '../../src/db/migrations/006-change-subjects';
import { policyActions } from '../../src/db/migrations/007-policy-actions';
import { sourceArchive } from '../../src/db/migrations/008-source-archive';
import { createTestSchema, STORE_KINDS, testPostgresConfig, type StoreKind } from '../support/harness';

/*
 * Migration 009 gives every citation the list it belongs to and puts the list in the
 * primary key; on SQLite it rebuilds `citations`. A database already holding citations
 * (one at 008, the last migration released before it) must come through whole, with the
 * table's constraints and index as they were. Migrations 009 and 010 are new together: a
 * fresh database and one at 008 both reach 010 in order.
 */

const THROUGH_008 = [
  '001-initial',
  '002-search',
  '003-data-version',
  '004-open-index',
  '005-curation',
  '006-change-subjects',
  '007-policy-actions',
  '008-source-archive',
];
const LATEST = '010-event-relations';

async function open(kind: StoreKind): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (kind === 'sqlite') return { store: openStore({ dialect: 'sqlite', filename: ':memory:' }), drop: async () => undefined };
  const { schema, drop } = await createTestSchema();
  return { store: openStore(testPostgresConfig(schema)), drop };
}

/** Kysely's bookkeeping schema on PostgreSQL: the store's own, as `migrateToLatest` names it. */
async function migrationTableSchema(store: Store): Promise<string | undefined> {
  if (store.adapter.name !== 'postgres') return undefined;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s;
}

/** Applies the migrations up to and including 008, as a database of the last release has them. */
async function migrateTo008(store: Store): Promise<void> {
  const schema = await migrationTableSchema(store);
  const migrator = new Migrator({
    db: store.db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: {
      getMigrations: async () => ({
        '001-initial': initial(store.adapter),
        '002-search': search(store.adapter),
        '003-data-version': dataVersion(store.adapter),
        '004-open-index': openIndex(store.adapter),
        '005-curation': curation(store.adapter),
        '006-change-subjects': changeSubjects(),
        '007-policy-actions': policyActions(store.adapter),
        '008-source-archive': sourceArchive(),
      }),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  expect(results!.map((r) => r.migrationName)).toEqual(THROUGH_008);
}

/** The migrations recorded as applied, in the order they ran. */
async function applied(store: Store): Promise<string[]> {
  const schema = await migrationTableSchema(store);
  const table = schema ? sql.table(`${schema}.kysely_migration`) : sql.table('kysely_migration');
  const rows = await sql<{ name: string }>`select name from ${table} order by timestamp, name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

/**
 * The message a statement is refused with, or null when it succeeds. (better-sqlite3's
 * errors come from the first test file its worker loaded it in, so `toThrow` would not
 * take them for errors in a later one.)
 */
const refusal = (query: Promise<unknown>): Promise<string | null> =>
  query.then(
    () => null,
    (err: unknown) => String((err as { message?: unknown }).message ?? err),
  );

/** The indexes on `citations`, by name, with their definition (PostgreSQL) or their columns (SQLite). */
async function citationIndexes(store: Store): Promise<Map<string, string>> {
  if (store.adapter.name === 'postgres') {
    const rows = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'citations'`.execute(store.db);
    return new Map(rows.rows.map((r) => [r.indexname, r.indexdef]));
  }
  const names = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and tbl_name = 'citations'`.execute(store.db);
  const indexes = new Map<string, string>();
  for (const { name } of names.rows) {
    const columns = await sql<{ name: string }>`select name from pragma_index_info(${name}) order by seqno`.execute(store.db);
    indexes.set(name, columns.rows.map((c) => c.name).join(', '));
  }
  return indexes;
}

describe.each(STORE_KINDS)('migrations 009 and 010 (%s)', (kind) => {
  it('bring a fresh database to the latest migration, in order', async () => {
    const { store, drop } = await open(kind);
    try {
      const ran = await migrateToLatest(store);
      expect(ran).toEqual([...THROUGH_008, '009-release-openness', LATEST]);
      expect(await applied(store)).toEqual(ran);
      expect(await migrateToLatest(store)).toEqual([]);
    } finally {
      await store.close();
      await drop();
    }
  });

  describe('on a database at 008 that holds citations', () => {
    let store: Store;
    let drop: () => Promise<void>;
    let db: Kysely<any>;
    let sources: number[];
    const before: Array<{ subject_type: string; subject_id: number; source_index: number; ordinal: number }> = [
      { subject_type: 'RELEASE', subject_id: 1, source_index: 0, ordinal: 0 },
      { subject_type: 'RELEASE', subject_id: 1, source_index: 1, ordinal: 1 },
      { subject_type: 'RELEASE', subject_id: 2, source_index: 1, ordinal: 0 },
      { subject_type: 'ORGANIZATION', subject_id: 1, source_index: 0, ordinal: 0 },
      { subject_type: 'POLICY_ACTION', subject_id: 1, source_index: 2, ordinal: 0 },
    ];
    let ran: string[];

    beforeAll(async () => {
      ({ store, drop } = await open(kind));
      db = store.db as Kysely<any>;
      await migrateTo008(store);
      await db
        .insertInto('sources')
        .values([0, 1, 2].map((i) => ({ key: `k${i}`, url: `https://example.org/${i}`, title: `Source ${i}` })))
        .execute();
      sources = (await db.selectFrom('sources').select('id').orderBy('id').execute()).map((r) => Number(r.id));
      await db
        .insertInto('citations')
        .values(before.map(({ source_index, ...c }) => ({ ...c, source_id: sources[source_index] })))
        .execute();
      ran = await migrateToLatest(store);
    });
    afterAll(async () => {
      await store.close();
      await drop();
    });

    it('applies 009 and then 010', async () => {
      expect(ran).toEqual(['009-release-openness', LATEST]);
      expect(await applied(store)).toEqual([...THROUGH_008, '009-release-openness', LATEST]);
    });

    it('keeps every citation, each in the list of a record’s own sources', async () => {
      const rows = await db
        .selectFrom('citations')
        .select(['subject_type', 'subject_id', 'list', 'source_id', 'ordinal'])
        .orderBy('subject_type')
        .orderBy('subject_id')
        .orderBy('ordinal')
        .execute();
      const expected = before
        .map(({ source_index, ...c }) => ({ ...c, list: 'sources', source_id: sources[source_index] }))
        .sort((a, b) => a.subject_type.localeCompare(b.subject_type) || a.subject_id - b.subject_id || a.ordinal - b.ordinal);
      expect(
        rows.map((r) => ({ ...r, subject_id: Number(r.subject_id), source_id: Number(r.source_id), ordinal: Number(r.ordinal) })),
      ).toEqual(expected);
    });

    it('keys citations by subject, list and place: a second citation in one place is refused, one in another list is not', async () => {
      const place = { subject_type: 'RELEASE', subject_id: 1, ordinal: 0, source_id: sources[2] };
      expect(await refusal(db.insertInto('citations').values(place).execute())).toMatch(/unique|duplicate/i);
      expect(
        await refusal(
          db
            .insertInto('citations')
            .values({ ...place, list: 'sources' })
            .execute(),
        ),
      ).toMatch(/unique|duplicate/i);
      await db
        .insertInto('citations')
        .values({ ...place, list: 'openness.sources' })
        .execute();
      await db.deleteFrom('citations').where('list', '=', 'openness.sources').execute();
    });

    it('still refuses a citation of a source that does not exist', async () => {
      const dangling = { subject_type: 'RELEASE', subject_id: 3, list: 'sources', ordinal: 0, source_id: Math.max(...sources) + 100 };
      expect(await refusal(db.insertInto('citations').values(dangling).execute())).toMatch(/foreign key/i);
    });

    it('keeps the index on source_id, and the primary key names the list', async () => {
      const indexes = await citationIndexes(store);
      if (kind === 'postgres') {
        expect(indexes.get('citations_source_idx')).toMatch(/\(source_id\)$/);
        expect(indexes.get('citations_pk')).toMatch(/\(subject_type, subject_id, list, ordinal\)$/);
      } else {
        expect(indexes.get('citations_source_idx')).toBe('source_id');
        // SQLite names the primary key's index itself.
        expect([...indexes.values()]).toContain('subject_type, subject_id, list, ordinal');
      }
    });
  });
});
