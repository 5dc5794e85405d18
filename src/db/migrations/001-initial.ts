import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter';

/* The first schema. Child tables (variants, roles, citations...) are replaced whole when
 * their parent is written, so they key on (parent, ordinal) and need no ids of their own. */
export function initial(a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const versioned = (t: any) =>
        t
          .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
          .addColumn('content_hash', 'text')
          .addColumn('created_at', a.timestampType, (c: any) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
          .addColumn('updated_at', a.timestampType, (c: any) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`));

      await versioned(
        db.schema
          .createTable('organizations')
          .addColumn('id', 'integer', a.idColumn)
          .addColumn('slug', a.keyType, (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('website', 'text')
          .addColumn('stock_ticker', 'text')
          .addColumn('business_model', 'text'),
      ).execute();

      await versioned(
        db.schema
          .createTable('people')
          .addColumn('id', 'integer', a.idColumn)
          .addColumn('slug', a.keyType, (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text'),
      ).execute();

      await db.schema
        .createTable('roles')
        .addColumn('id', 'integer', a.idColumn)
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('started_on', 'text')
        .addColumn('started_on_precision', 'text')
        .addColumn('ended_on', 'text')
        .addColumn('ended_on_precision', 'text')
        .execute();
      await db.schema.createIndex('roles_person_idx').on('roles').columns(['person_id', 'ordinal']).execute();
      await db.schema.createIndex('roles_organization_idx').on('roles').columns(['organization_id', 'person_id']).execute();

      await versioned(
        db.schema
          .createTable('licenses')
          .addColumn('id', 'integer', a.idColumn)
          .addColumn('slug', a.keyType, (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('spdx_id', 'text')
          .addColumn('url', 'text')
          .addColumn('osi_approved', 'boolean', (c) => c.notNull())
          .addColumn('allows_commercial_use', 'boolean', (c) => c.notNull())
          .addColumn('user_threshold', 'double precision'),
      ).execute();

      await db.schema
        .createTable('license_restrictions')
        .addColumn('license_id', 'integer', (c) => c.notNull().references('licenses.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('license_restrictions_pk', ['license_id', 'ordinal'])
        .execute();

      await versioned(
        db.schema
          .createTable('releases')
          .addColumn('id', 'integer', a.idColumn)
          .addColumn('slug', a.keyType, (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('artifact_type', 'text', (c) => c.notNull())
          .addColumn('family', 'text')
          .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('date_precision', 'text', (c) => c.notNull())
          .addColumn('summary', 'text')
          .addColumn('access_level', 'text', (c) => c.notNull())
          .addColumn('is_open', 'boolean', (c) => c.notNull())
          .addColumn('license_id', 'integer', (c) => c.references('licenses.id'))
          .addColumn('predecessor_id', 'integer', (c) => c.references('releases.id').onDelete('set null')),
      ).execute();
      // Keyset pagination walks (date, slug); the organization and license pages walk the same key within their parent.
      await db.schema.createIndex('releases_date_idx').on('releases').columns(['date', 'slug']).execute();
      await db.schema.createIndex('releases_organization_idx').on('releases').columns(['organization_id', 'date', 'slug']).execute();
      await db.schema.createIndex('releases_license_idx').on('releases').columns(['license_id', 'date', 'slug']).execute();

      await db.schema
        .createTable('release_variants')
        .addColumn('release_id', 'integer', (c) => c.notNull().references('releases.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parameter_count', 'double precision')
        .addColumn('active_parameter_count', 'double precision')
        .addPrimaryKeyConstraint('release_variants_pk', ['release_id', 'ordinal'])
        .execute();
      await db.schema
        .createTable('release_modalities')
        .addColumn('release_id', 'integer', (c) => c.notNull().references('releases.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('release_modalities_pk', ['release_id', 'ordinal'])
        .execute();
      await db.schema
        .createTable('release_comparisons')
        .addColumn('release_id', 'integer', (c) => c.notNull().references('releases.id').onDelete('cascade'))
        .addColumn('compared_release_id', 'integer', (c) => c.notNull().references('releases.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('release_comparisons_pk', ['release_id', 'compared_release_id'])
        .execute();

      await versioned(
        db.schema
          .createTable('policy_positions')
          .addColumn('id', 'integer', a.idColumn)
          .addColumn('slug', a.keyType, (c) => c.notNull().unique())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('date_precision', 'text', (c) => c.notNull())
          .addColumn('summary', 'text')
          .addColumn('actor_person_id', 'integer', (c) => c.references('people.id'))
          .addColumn('actor_organization_id', 'integer', (c) => c.references('organizations.id'))
          .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('stance', 'text', (c) => c.notNull())
          .addColumn('quote', 'text')
          .addCheckConstraint('policy_positions_one_actor', sql`(actor_person_id is null) <> (actor_organization_id is null)`),
      ).execute();
      await db.schema.createIndex('positions_date_idx').on('policy_positions').columns(['date', 'slug']).execute();
      await db.schema
        .createIndex('positions_organization_idx')
        .on('policy_positions')
        .columns(['organization_id', 'date', 'slug'])
        .execute();
      await db.schema.createIndex('positions_person_idx').on('policy_positions').columns(['actor_person_id', 'date', 'slug']).execute();

      await db.schema
        .createTable('position_arguments')
        .addColumn('position_id', 'integer', (c) => c.notNull().references('policy_positions.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('position_arguments_pk', ['position_id', 'ordinal'])
        .execute();

      await db.schema
        .createTable('sources')
        .addColumn('id', 'integer', a.idColumn)
        .addColumn('key', a.keyType, (c) => c.notNull().unique())
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('publisher', 'text')
        .addColumn('published_on', 'text')
        .addColumn('published_on_precision', 'text')
        .addColumn('accessed_on', 'text')
        .execute();
      await db.schema
        .createTable('citations')
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer', (c) => c.notNull())
        .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('citations_pk', ['subject_type', 'subject_id', 'ordinal'])
        .execute();
      await db.schema.createIndex('citations_source_idx').on('citations').column('source_id').execute();
    },
  };
}
