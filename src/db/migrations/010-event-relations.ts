import { sql, type Kysely } from 'kysely';

/*
 * Relations between timeline events: "EO 14148 REVOKES EO 14110", "Code Llama BASED_ON
 * Llama 2". One table for every kind of event, each side named by its type and row id (as
 * citations name their subject), so neither side can have a foreign key: the writer
 * replaces a source's rows with it and deletes them with it, and a target in use cannot be
 * deleted (the references say so). Looked up by source (the key) and by target.
 *
 * What the rules say of every row, the table says too, so a row written around them (by
 * hand, or by a bug) is refused: the types are the vocabulary's as it stands here (a new
 * one is a migration), a link is stored once, and an event does not link to itself.
 */
const EVENT_TYPES = ['RELEASE', 'POLICY_POSITION', 'POLICY_ACTION'];
const RELATION_TYPES = ['REVOKES', 'AMENDS', 'IMPLEMENTS', 'SUPERSEDES', 'RESPONDS_TO', 'BASED_ON'];

const oneOf = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export function eventRelations() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('event_relations')
        .addColumn('source_type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'integer', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('relation_type', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('event_relations_pk', ['source_type', 'source_id', 'ordinal'])
        .addUniqueConstraint('event_relations_link_key', ['source_type', 'source_id', 'relation_type', 'target_type', 'target_id'])
        .addCheckConstraint('event_relations_source_type', oneOf('source_type', EVENT_TYPES))
        .addCheckConstraint('event_relations_target_type', oneOf('target_type', EVENT_TYPES))
        .addCheckConstraint('event_relations_relation_type', oneOf('relation_type', RELATION_TYPES))
        .addCheckConstraint('event_relations_not_self', sql`source_type <> target_type or source_id <> target_id`)
        .execute();
      await db.schema.createIndex('event_relations_target_idx').on('event_relations').columns(['target_type', 'target_id']).execute();
    },
  };
}
