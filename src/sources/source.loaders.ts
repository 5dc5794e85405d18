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
  return {
    byKey: rowLoader(
      (keys: readonly string[]) => findSourcesByKeys(db, keys),
      (r) => r.key,
    ),
    citedBy: {
      ORGANIZATION: citedBy('ORGANIZATION'),
      PERSON: citedBy('PERSON'),
      LICENSE: citedBy('LICENSE'),
      RELEASE: citedBy('RELEASE'),
      POLICY_POSITION: citedBy('POLICY_POSITION'),
    } satisfies Record<CitationSubject, unknown>,
  };
}
