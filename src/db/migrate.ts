import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './connect';
import { initial } from './migrations/001-initial';
import { search } from './migrations/002-search';

/** Migrations are code, listed here in order; the same set serves both dialects. */
function provider(store: Store): MigrationProvider {
  return {
    getMigrations: async (): Promise<Record<string, Migration>> => ({
      '001-initial': initial(store.adapter),
      '002-search': search(store.adapter),
    }),
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: provider(store) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
