import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter';

/* One row whose number goes up with every write: response caches key on it, so a change is never served stale. */
export function dataVersion(_a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('data_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('data_version').values({ id: 1, version: 1 }).execute();
    },
  };
}
