import type { ReleaseRow } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { isOpenAccess } from '../domain/vocabulary';
import { NO_KIND_FIELDS } from '../live/timeline-events';
import type { SeedRelease } from './release.kind';
import { defineEventKind } from '../timeline/event-kind';
import { releaseExport } from './release.export';
import { releaseById, releaseBySlug, toRelease } from './release.service';

/** Releases on the timeline: `accessLevels` and `openOnly` narrow them; `topics` leaves them alone. */
export const releaseTimeline = defineEventKind<ReleaseRow, SeedRelease>({
  type: 'RELEASE',
  recordKind: 'releases',
  table: (db) => db.selectFrom('releases as r'),
  columns: { date: 'r.date', slug: 'r.slug', organization: 'r.organization_id' },
  filters: [
    { anyOf: 'accessLevels', column: 'r.access_level', field: 'accessLevel' },
    { whenTrue: 'openOnly', column: 'r.is_open', field: 'isOpen' },
  ],
  toEvent: toRelease,
  bySlug: releaseBySlug,
  byId: releaseById,
  export: releaseExport,
  matchFields: (r) => ({
    organization: r.organization,
    date: parseCuratedDate(r.date)!.date,
    ...NO_KIND_FIELDS,
    accessLevel: r.accessLevel,
    isOpen: isOpenAccess(r.accessLevel),
  }),
});
