import type { PolicyPositionRow } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { NO_KIND_FIELDS } from '../live/timeline-events';
import type { SeedPosition } from './position.kind';
import { defineEventKind } from '../timeline/event-kind';
import { positionExport } from './position.export';
import { positionById, positionBySlug, toPosition } from './position.service';

/** Policy positions on the timeline: `topics` narrows them; `accessLevels` and `openOnly` leave them alone. */
export const positionTimeline = defineEventKind<PolicyPositionRow, SeedPosition>({
  type: 'POLICY_POSITION',
  recordKind: 'policyPositions',
  table: (db) => db.selectFrom('policy_positions as p'),
  columns: { date: 'p.date', slug: 'p.slug', organization: 'p.organization_id' },
  filters: [{ anyOf: 'topics', column: 'p.topic', field: 'topic' }],
  toEvent: toPosition,
  bySlug: positionBySlug,
  byId: positionById,
  export: positionExport,
  matchFields: (p) => ({ organization: p.organization, date: parseCuratedDate(p.date)!.date, ...NO_KIND_FIELDS, topic: p.topic }),
});
