import type { DialectAdapter } from '../db/adapter';
import type { CitationSubject } from '../db/database';
import type { Db, KindDef, MainTable, RecordKind } from '../records/kind';
import { KINDS } from '../records/registry';
import { readRecord as readOne, readRecords as readMany, type StoredRecord } from '../records/read';

/*
 * Records in seed format, as the curation layer and scripts have always read them. The
 * reader itself is `records/read.ts`; each kind's part is in its folder.
 */

export type { RecordKind, SeedRecords } from '../records/kind';
export { canonical, type StoredRecord } from '../records/read';
export { curatedDate } from '../records/read-kit';
export { RECORD_KINDS } from '../records/registry';

/** Records of one kind in seed format, ordered by slug; all of them, or those with the given slugs. */
export function readRecords<K extends RecordKind>(
  db: Db,
  _adapter: DialectAdapter,
  kind: K,
  slugs?: readonly string[],
): Promise<StoredRecord<K>[]> {
  return readMany(db, kind, slugs);
}

export function readRecord<K extends RecordKind>(
  db: Db,
  _adapter: DialectAdapter,
  kind: K,
  slug: string,
): Promise<StoredRecord<K> | undefined> {
  return readOne(db, kind, slug);
}

/** Each kind's table and history subject, by kind (for scripts and tests that write rows directly). */
export const TABLE_OF = Object.fromEntries(KINDS.map((def) => [def.key, def.table])) as {
  [K in RecordKind]: KindDef<K, MainTable>['table'];
};
export const SUBJECT_OF = Object.fromEntries(KINDS.map((def) => [def.key, def.subject])) as Record<RecordKind, CitationSubject>;
