import type { Store } from '../db/connect';
import type { CitationSubject } from '../db/database';
import { listLoader, rowLoader } from '../graphql/batch';
import { OWN_SOURCES } from '../records/kind';
import { findCitations, findSourcesByKeys } from './source.repository';

export function createSourceLoaders({ db }: Store) {
  // One loader per kind of subject and list keeps each batch a single `IN (...)` on (type, id, list).
  const citedBy = (subject: CitationSubject, list: string) =>
    listLoader(
      (ids: readonly number[]) => findCitations(db, subject, list, ids),
      (r) => r.subject_id,
    );
  const loaders = new Map<string, ReturnType<typeof citedBy>>();
  return {
    byKey: rowLoader(
      (keys: readonly string[]) => findSourcesByKeys(db, keys),
      (r) => r.key,
    ),
    /** The loader of one kind of subject and one of its lists (its own `sources` by default), made when first asked for. */
    citedBy: (subject: CitationSubject, list: string = OWN_SOURCES) => {
      const key = `${subject}:${list}`;
      return loaders.get(key) ?? loaders.set(key, citedBy(subject, list)).get(key)!;
    },
  };
}
