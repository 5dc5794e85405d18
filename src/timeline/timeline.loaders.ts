import type { Store } from '../db/connect';
import { perParentLoader } from '../graphql/batch';
import type { PageRequest } from '../graphql/relay/paging';
import {
  countTimelineByOrganization,
  findTimelineRowsByOrganization,
  type TimelineCriteria,
  type TimelineRow,
} from './timeline.repository';

export function createTimelineLoaders({ db, adapter }: Store) {
  return {
    byOrganization: perParentLoader(
      (ids, p: { criteria: TimelineCriteria; descending: boolean; request: PageRequest }) =>
        findTimelineRowsByOrganization(db, adapter, ids, p.criteria, p.descending, p.request),
      (): TimelineRow[] => [],
    ),
    countsByOrganization: perParentLoader(
      (ids, criteria: TimelineCriteria) => countTimelineByOrganization(db, adapter, ids, criteria),
      () => 0,
    ),
  };
}
