import { sql } from 'kysely';
import { SUBJECT_OF, TABLE_OF, type RecordKind } from '../../src/curation/records';
import type { Store } from '../../src/db/connect';
import { EVENT_TARGETS, EVENT_TYPES } from '../../src/relations/relation.targets';

/*
 * Curated edits made the way the API's mutations make them, in SQL: an edit changes
 * fields, marks the record origin API and bumps its version (its content hash stays what
 * the seed last wrote); a delete removes the record with its citations and the links it
 * makes, and leaves a tombstone.
 */

export async function curatedEdit(store: Store, kind: RecordKind, slug: string, fields: Record<string, unknown>): Promise<void> {
  const { numUpdatedRows } = await store.db
    .updateTable(TABLE_OF[kind])
    .set({ ...fields, origin: 'API', version: sql`version + 1` } as never)
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (Number(numUpdatedRows) !== 1) throw new Error(`no ${kind} "${slug}" to edit`);
}

export async function curatedDelete(store: Store, kind: RecordKind, slug: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const { id } = await trx.selectFrom(TABLE_OF[kind]).select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await trx.deleteFrom('citations').where('subject_type', '=', SUBJECT_OF[kind]).where('subject_id', '=', id).execute();
    // The links an event makes go with it (those made to it are refused as IN_USE by the API; the caller picks a record without).
    const eventType = EVENT_TYPES.find((type) => EVENT_TARGETS[type].key === kind);
    if (eventType) await trx.deleteFrom('event_relations').where('source_type', '=', eventType).where('source_id', '=', id).execute();
    await trx.deleteFrom(TABLE_OF[kind]).where('id', '=', id).execute();
    await trx.insertInto('tombstones').values({ subject_type: SUBJECT_OF[kind], slug }).execute();
  });
}
