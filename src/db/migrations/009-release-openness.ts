import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter';

/*
 * Openness by component. A release holds at most one openness record, read whenever the
 * release is, so its fields are nullable columns of `releases` (null together when the
 * release has none) rather than a one-row child table another statement would read.
 *
 * Its sources are citations like any record's: `citations` gains `list`, the seed path of
 * the list a citation belongs to (`sources` for a record's own, `openness.sources` for
 * a release's openness), and the list joins the primary key. Variants gain the date and
 * access level of a staged release, null where they are the release's.
 */
const COMPONENTS = ['weights', 'inference_code', 'training_code', 'training_data', 'data_card', 'model_card', 'paper'];

export function releaseOpenness(a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const component of COMPONENTS) await db.schema.alterTable('releases').addColumn(`openness_${component}`, 'text').execute();
      await db.schema.alterTable('releases').addColumn('openness_meets_osaid', 'boolean').execute();
      await db.schema.alterTable('releases').addColumn('openness_note', 'text').execute();

      await db.schema.alterTable('release_variants').addColumn('date', 'text').execute();
      await db.schema.alterTable('release_variants').addColumn('date_precision', 'text').execute();
      await db.schema.alterTable('release_variants').addColumn('access_level', 'text').execute();

      if (a.name === 'postgres') {
        await db.schema
          .alterTable('citations')
          .addColumn('list', 'text', (c) => c.notNull().defaultTo('sources'))
          .execute();
        await sql`alter table citations drop constraint citations_pk`.execute(db);
        await sql`alter table citations add constraint citations_pk primary key (subject_type, subject_id, list, ordinal)`.execute(db);
        return;
      }
      // SQLite cannot change a primary key in place: the table is rebuilt.
      await db.schema
        .createTable('citations_next')
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer', (c) => c.notNull())
        .addColumn('list', 'text', (c) => c.notNull().defaultTo('sources'))
        .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('citations_pk', ['subject_type', 'subject_id', 'list', 'ordinal'])
        .execute();
      await sql`insert into citations_next (subject_type, subject_id, list, source_id, ordinal)
        select subject_type, subject_id, 'sources', source_id, ordinal from citations`.execute(db);
      await db.schema.dropTable('citations').execute();
      await db.schema.alterTable('citations_next').renameTo('citations').execute();
      await db.schema.createIndex('citations_source_idx').on('citations').column('source_id').execute();
    },
  };
}
