import type { Store } from '../db/connect';
import { perParentLoader } from '../graphql/batch';
import type { PageRequest } from '../db/paging';
import {
  countTimelineByOrganization,
  findTimelineRowsByOrganization,
  type TimelineCriteria,
  type TimelineRow,
} from './timeline.repository';

export function createTimelineLoaders({ db }: Store) {
  return {
    byOrganization: perParentLoader(
      (ids, p: { criteria: TimelineCriteria; descending: boolean; request: PageRequest }) =>
        findTimelineRowsByOrganization(db, ids, p.criteria, p.descending, p.request),
      (): TimelineRow[] => [],
    ),
    countsByOrganization: perParentLoader(
      (ids, criteria: TimelineCriteria) => countTimelineByOrganization(db, ids, criteria),
      () => 0,
    ),
  };
}
