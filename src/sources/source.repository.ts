import type { Kysely } from 'kysely';
import type { CitationSubject, Database, SourceRow } from '../db/database';
import { tag } from '../db/keyset';

export interface Citation {
  subject_id: number;
  source: SourceRow;
}

/** Sources cited by the given subjects in one of their lists (`sources`, `openness.sources`), in citation order. */
export async function findCitations(db: Kysely<Database>, subject: CitationSubject, list: string, subjectIds: readonly number[]) {
  return db
    .selectFrom('citations as c')
    .innerJoin('sources as s', 's.id', 'c.source_id')
    .selectAll('s')
    .select('c.subject_id')
    .where('c.subject_type', '=', subject)
    .where('c.subject_id', 'in', subjectIds)
    .where('c.list', '=', list)
    .orderBy('c.subject_id')
    .orderBy('c.ordinal')
    .modifyEnd(tag('citations'))
    .execute();
}

export function findSourcesByKeys(db: Kysely<Database>, keys: readonly string[]): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().where('key', 'in', keys).modifyEnd(tag('sourcesByKeys')).execute();
}
