import type { Kysely } from 'kysely';

/* A source may name a web archive's snapshot of its document, for when the original moves or goes. */
export function sourceArchive() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('sources').addColumn('archive_url', 'text').execute();
    },
  };
}
