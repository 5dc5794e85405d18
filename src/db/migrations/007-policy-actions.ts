import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter';

/*
 * Policy actions: what governments, legislatures, regulators, courts and intergovernmental
 * bodies did, a third kind of timeline event. Signatories and milestones are child rows,
 * replaced whole with their action. History, citations and tombstones name the kind
 * POLICY_ACTION in their free-text subject columns, so they need no change.
 */
export function policyActions(a: DialectAdapter) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('policy_actions')
        .addColumn('id', 'integer', a.idColumn)
        .addColumn('slug', a.keyType, (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('date_precision', 'text', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text', (c) => c.notNull())
        .addColumn('official_name', 'text')
        .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
        .addColumn('open_weights', 'text', (c) => c.notNull())
        .addColumn('open_weights_note', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('content_hash', 'text')
        .addColumn('created_at', a.timestampType, (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .addColumn('updated_at', a.timestampType, (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .addColumn('origin', 'text', (c) => c.notNull().defaultTo('SEED'))
        .execute();
      await db.schema.createIndex('policy_actions_date_idx').on('policy_actions').columns(['date', 'slug']).execute();
      await db.schema
        .createIndex('policy_actions_organization_idx')
        .on('policy_actions')
        .columns(['organization_id', 'date', 'slug'])
        .execute();

      await db.schema
        .createTable('policy_action_signatories')
        .addColumn('action_id', 'integer', (c) => c.notNull().references('policy_actions.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
        .addPrimaryKeyConstraint('policy_action_signatories_pk', ['action_id', 'ordinal'])
        .execute();
      // Who an organization signed with: the reverse lookup that guards its deletion.
      await db.schema
        .createIndex('policy_action_signatories_organization_idx')
        .on('policy_action_signatories')
        .column('organization_id')
        .execute();

      await db.schema
        .createTable('policy_action_milestones')
        .addColumn('action_id', 'integer', (c) => c.notNull().references('policy_actions.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('date_precision', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_action_milestones_pk', ['action_id', 'ordinal'])
        .execute();
    },
  };
}
