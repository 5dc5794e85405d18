import type { Kysely } from 'kysely';

/*
 * Relations between timeline events: "EO 14148 REVOKES EO 14110", "Code Llama BASED_ON
 * Llama 2". One table for every kind of event, each side named by its type and row id (as
 * citations name their subject), so neither side can have a foreign key: the writer
 * replaces a source's rows with it and deletes them with it, and a target in use cannot be
 * deleted (the references say so). Looked up by source (the key) and by target.
 */
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
        .execute();
      await db.schema.createIndex('event_relations_target_idx').on('event_relations').columns(['target_type', 'target_id']).execute();
    },
  };
}
