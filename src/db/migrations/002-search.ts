import type { Kysely } from 'kysely';
import { searchDialect } from '../../search/search.dialect';
import type { DialectAdapter } from '../adapter';

/* The full-text index: an FTS5 table on SQLite, a tsvector table with a GIN index on PostgreSQL. */
export function search(a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await searchDialect(a).createIndex(db);
    },
  };
}
