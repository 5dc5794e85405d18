import type { Store } from '../db/connect';
import { listLoader, slugLoaders } from '../graphql/batch';
import { findMilestones, findPolicyActionsByIds, findPolicyActionsBySlugs, findSignatories } from './policy-action.repository';

export function createPolicyActionLoaders({ db }: Store) {
  const { byId, bySlug } = slugLoaders(
    (ids) => findPolicyActionsByIds(db, ids),
    (slugs) => findPolicyActionsBySlugs(db, slugs),
  );
  return {
    byId,
    bySlug,
    signatories: listLoader(
      (ids: readonly number[]) => findSignatories(db, ids),
      (r) => r.signed,
    ),
    milestones: listLoader(
      (ids: readonly number[]) => findMilestones(db, ids),
      (r) => r.action_id,
    ),
  };
}
