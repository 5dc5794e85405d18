import type { Store } from '../db/connect';
import type { CitationSubject } from '../db/database';
import { listLoader, rowLoader } from '../graphql/batch';
import { findCitations, findSourcesByKeys } from './source.repository';

export function createSourceLoaders({ db }: Store) {
  // One loader per kind of subject keeps each batch a single `IN (...)` on (type, id).
  const citedBy = (subject: CitationSubject) =>
    listLoader(
      (ids: readonly number[]) => findCitations(db, subject, ids),
      (r) => r.subject_id,
    );
  const loaders = new Map<CitationSubject, ReturnType<typeof citedBy>>();
  return {
    byKey: rowLoader(
      (keys: readonly string[]) => findSourcesByKeys(db, keys),
      (r) => r.key,
    ),
    /** The loader of one kind of subject, made when first asked for. */
    citedBy: (subject: CitationSubject) => loaders.get(subject) ?? loaders.set(subject, citedBy(subject)).get(subject)!,
  };
}
