import { Migrator, sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { initial } from '../../src/db/migrations/001-initial';
import { search } from '../../src/db/migrations/002-search';
import { dataVersion } from '../../src/db/migrations/003-data-version';
import { openIndex } from '../../src/db/migrations/004-open-index';
import { curation } from '../../src/db/migrations/005-curation';
import { createTestSchema, STORE_KINDS, testPostgresConfig } from '../support/harness';

/*
 * Migration 006 gives each existing change the row it changed. A slug deleted and then
 * reused leaves entries of two records under one slug: those up to the DELETE belong to
 * the gone record (no row: admin audit log only), those after it to the new one.
 */

describe.each(STORE_KINDS)('migration 006 on existing history (%s)', (kind) => {
  let store: Store;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const made = await createTestSchema();
      drop = made.drop;
      store = openStore(testPostgresConfig(made.schema));
    } else {
      store = openStore({ dialect: 'sqlite', filename: ':memory:' });
    }
    const migrationTableSchema =
      kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s : undefined;
    const before006 = new Migrator({
      db: store.db,
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
      provider: {
        getMigrations: async () => ({
          '001-initial': initial(store.adapter),
          '002-search': search(store.adapter),
          '003-data-version': dataVersion(store.adapter),
          '004-open-index': openIndex(store.adapter),
          '005-curation': curation(store.adapter),
        }),
      },
    });
    const { error } = await before006.migrateToLatest();
    if (error) throw error;
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('ties entries after the last DELETE of a slug to the record holding it now, and earlier ones to none', async () => {
    const db = store.db as Kysely<any>;
    await db.insertInto('api_keys').values({ name: 'ada@example.org', role: 'EDITOR', key_hash: 'h', prefix: 'ptk_x' }).execute();
    const change = (slug: string, operation: string, key: string | null) =>
      db
        .insertInto('changes')
        .values({ subject_type: 'LICENSE', subject_slug: slug, operation, mutation: 'test', key_name: key, reason: `${operation} ${slug}` })
        .execute();
    await change('kept', 'SEED', null);
    await change('reused', 'CREATE', 'ada@example.org');
    await change('reused', 'DELETE', 'ada@example.org');
    await change('reused', 'CREATE', 'ada@example.org');
    await change('kept', 'UPDATE', 'ada@example.org');
    await change('gone', 'CREATE', 'ada@example.org');
    await change('gone', 'DELETE', 'ada@example.org');
    const license = (slug: string) => ({
      slug,
      name: slug,
      osi_approved: store.adapter.bool(false),
      allows_commercial_use: store.adapter.bool(true),
    });
    await db
      .insertInto('licenses')
      .values([license('kept'), license('reused')])
      .execute();
    const ids = Object.fromEntries((await db.selectFrom('licenses').select(['id', 'slug']).execute()).map((r) => [r.slug, Number(r.id)]));

    // 006 first; later migrations (007 policy actions, 008 source archives, ...) follow it.
    expect((await migrateToLatest(store))[0]).toBe('006-change-subjects');

    const rows = await db.selectFrom('changes').select(['subject_slug', 'operation', 'subject_id', 'key_role']).orderBy('id').execute();
    expect(rows.map((r) => ({ ...r, subject_id: r.subject_id === null ? null : Number(r.subject_id) }))).toEqual([
      { subject_slug: 'kept', operation: 'SEED', subject_id: ids.kept, key_role: null },
      { subject_slug: 'reused', operation: 'CREATE', subject_id: null, key_role: 'EDITOR' },
      { subject_slug: 'reused', operation: 'DELETE', subject_id: null, key_role: 'EDITOR' },
      { subject_slug: 'reused', operation: 'CREATE', subject_id: ids.reused, key_role: 'EDITOR' },
      { subject_slug: 'kept', operation: 'UPDATE', subject_id: ids.kept, key_role: 'EDITOR' },
      { subject_slug: 'gone', operation: 'CREATE', subject_id: null, key_role: 'EDITOR' },
      { subject_slug: 'gone', operation: 'DELETE', subject_id: null, key_role: 'EDITOR' },
    ]);
  });
});
