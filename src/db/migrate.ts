import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type MigrationProvider, type TableMetadata } from 'kysely';
import type { Store } from './connect';
import { initial } from './migrations/001-initial';
import { search } from './migrations/002-search';
import { dataVersion } from './migrations/003-data-version';
import { openIndex } from './migrations/004-open-index';
import { curation } from './migrations/005-curation';
import { changeSubjects } from './migrations/006-change-subjects';
import { policyActions } from './migrations/007-policy-actions';
import { sourceArchive } from './migrations/008-source-archive';
import { releaseOpenness } from './migrations/009-release-openness';
import { eventRelations } from './migrations/010-event-relations';

/** Migrations are code, listed here in order; the same set serves both dialects. */
function provider(store: Store): MigrationProvider {
  return {
    getMigrations: async (): Promise<Record<string, Migration>> => ({
      '001-initial': initial(store.adapter),
      '002-search': search(store.adapter),
      '003-data-version': dataVersion(store.adapter),
      '004-open-index': openIndex(store.adapter),
      '005-curation': curation(store.adapter),
      '006-change-subjects': changeSubjects(),
      '007-policy-actions': policyActions(store.adapter),
      '008-source-archive': sourceArchive(),
      '009-release-openness': releaseOpenness(store.adapter),
      '010-event-relations': eventRelations(),
    }),
  };
}

/*
 * Kysely's migrator learns whether its bookkeeping tables exist by introspecting every table
 * of every schema in the database. On PostgreSQL that query checks `has_schema_privilege` on
 * each schema by name, and fails ("schema ... does not exist") when another schema is dropped
 * while it runs, so a migration sharing its database with others that come and go failed at
 * random. The migrator is given `db` with an introspector that looks at its own schema only,
 * through the catalog and no lookup by name. Tables come back without their columns, which
 * the migrator does not read.
 */
function inOwnSchema<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspector: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getTables: async () => {
      const { rows } = await sql<{ name: string; kind: string }>`
        select c.relname as name, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.map((r): TableMetadata => ({ name: r.name, schema, isView: r.kind === 'v', columns: [] }));
    },
    getMetadata: async () => ({ tables: await introspector.getTables() }),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspector;
      // Kysely keeps its state in private fields: its methods run on the instance itself.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema; name ours, or a
  // neighbouring schema's tables would be taken for ours.
  const migrationTableSchema =
    store.adapter.name === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: migrationTableSchema ? inOwnSchema(store.db, migrationTableSchema) : store.db,
    provider: provider(store),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
