import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter';

/*
 * Curation through the API: API keys (hashes only), the change history, tombstones for
 * records a curator deleted, and each record's origin (seed file or API edit) so that
 * re-seeding can tell a curated edit from stale seed text.
 */
export function curation(a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const table of ['organizations', 'people', 'licenses', 'releases', 'policy_positions']) {
        await db.schema
          .alterTable(table)
          .addColumn('origin', 'text', (c) => c.notNull().defaultTo('SEED'))
          .execute();
      }
      await db.schema.alterTable('sources').addColumn('accessed_on_precision', 'text').execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'integer', a.idColumn)
        .addColumn('name', a.keyType, (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        // sha256 of the whole key: keys are 256-bit random, so a fast hash cannot be brute-forced.
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        // The first characters of the key, shown by keys:list so an owner can tell keys apart.
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', a.timestampType, (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .addColumn('revoked_at', a.timestampType)
        .addColumn('last_used_at', a.timestampType)
        .execute();

      await db.schema
        .createTable('changes')
        .addColumn('id', 'integer', a.idColumn)
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_slug', a.keyType, (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('mutation', 'text')
        .addColumn('key_name', 'text')
        .addColumn('reason', 'text')
        .addColumn('version', 'integer')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('changed_at', a.timestampType, (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .execute();
      await db.schema.createIndex('changes_subject_idx').on('changes').columns(['subject_type', 'subject_slug', 'id']).execute();

      await db.schema
        .createTable('tombstones')
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('slug', a.keyType, (c) => c.notNull())
        .addColumn('deleted_at', a.timestampType, (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .addPrimaryKeyConstraint('tombstones_pk', ['subject_type', 'slug'])
        .execute();
    },
  };
}
