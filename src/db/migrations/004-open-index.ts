import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter';

/*
 * The headline view filters releases by organization and openness and walks them by date:
 * with is_open in the index, both the page and its count are index range scans, however
 * many closed releases sit beside them.
 */
export function openIndex(_a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex('releases_organization_open_idx')
        .on('releases')
        .columns(['organization_id', 'is_open', 'date', 'slug'])
        .execute();
      await db.schema.createIndex('releases_open_idx').on('releases').columns(['is_open', 'date', 'slug']).execute();
    },
  };
}
