import type { Expression, Kysely, SqlBool } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type { Database, PolicyPositionRow, ReleaseRow } from '../db/database';
import { compareKey, rankedByParent, tag } from '../db/keyset';
import type { TimelineEventType } from '../domain/vocabulary';
import type { KeyValues, PageRequest } from '../graphql/relay/paging';
import { countPositions, countPositionsByParent, filteredPositions, type PositionCriteria } from '../positions/position.repository';
import { countReleases, countReleasesByParent, filteredReleases, type ReleaseCriteria } from '../releases/release.repository';

/*
 * The timeline merges releases and policy positions in one order: (date, event type, slug).
 * Each kind is fetched by its own indexed keyset query, `limit + 1` rows, and the two
 * short lists are merged here, so a page costs at most two statements however deep it is.
 */

export interface TimelineCriteria {
  eventTypes: readonly TimelineEventType[];
  releases: ReleaseCriteria;
  positions: PositionCriteria;
}

export type TimelineRow = { type: 'RELEASE'; row: ReleaseRow } | { type: 'POLICY_POSITION'; row: PolicyPositionRow };

export const timelineKeyOf = (e: TimelineRow): KeyValues => [e.row.date, e.type, e.row.slug];

/**
 * A cursor bound `(date, type, slug) op (d, t, s)` restated for one branch whose type is
 * fixed, so it stays a range on that table's (date, slug) index.
 */
function branchBound(prefix: 'r' | 'p', type: TimelineEventType, op: '<' | '>', [d, t, s]: KeyValues): Expression<SqlBool> {
  if (type === t) return compareKey([`${prefix}.date`, `${prefix}.slug`], op, [d, s]);
  const inclusive = type > t === (op === '>');
  return compareKey([`${prefix}.date`], inclusive ? (`${op}=` as '<=' | '>=') : op, [d]);
}

function boundsFor(prefix: 'r' | 'p', type: TimelineEventType, descending: boolean, request: PageRequest): Expression<SqlBool>[] {
  const bounds: Expression<SqlBool>[] = [];
  if (request.after) bounds.push(branchBound(prefix, type, descending ? '<' : '>', request.after));
  if (request.before) bounds.push(branchBound(prefix, type, descending ? '>' : '<', request.before));
  return bounds;
}

function compareEvents(a: TimelineRow, b: TimelineRow): number {
  const ka = timelineKeyOf(a);
  const kb = timelineKeyOf(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** Both kinds, merged in fetch order, at most `limit`. */
function merge(releases: ReleaseRow[], positions: PolicyPositionRow[], fetchDescending: boolean, limit: number): TimelineRow[] {
  const events: TimelineRow[] = [
    ...releases.map((row) => ({ type: 'RELEASE' as const, row })),
    ...positions.map((row) => ({ type: 'POLICY_POSITION' as const, row })),
  ];
  events.sort((a, b) => (fetchDescending ? -compareEvents(a, b) : compareEvents(a, b)));
  return events.slice(0, limit);
}

/** Branch queries with bounds applied, before ordering; null for an excluded kind. */
function branches(db: Kysely<Database>, adapter: DialectAdapter, c: TimelineCriteria, descending: boolean, request: PageRequest) {
  let releases = c.eventTypes.includes('RELEASE') ? filteredReleases(db, adapter, c.releases).selectAll('r') : null;
  let positions = c.eventTypes.includes('POLICY_POSITION') ? filteredPositions(db, c.positions).selectAll('p') : null;
  for (const bound of boundsFor('r', 'RELEASE', descending, request)) releases = releases && releases.where(bound);
  for (const bound of boundsFor('p', 'POLICY_POSITION', descending, request)) positions = positions && positions.where(bound);
  return { releases, positions };
}

export async function findTimelineRows(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  c: TimelineCriteria,
  descending: boolean,
  request: PageRequest,
): Promise<TimelineRow[]> {
  const fetchDescending = descending !== request.fromEnd;
  const direction = fetchDescending ? 'desc' : 'asc';
  const limit = request.limit + 1;
  const { releases, positions } = branches(db, adapter, c, descending, request);
  const [r, p] = await Promise.all([
    releases
      ? releases.orderBy('r.date', direction).orderBy('r.slug', direction).limit(limit).modifyEnd(tag('timelineReleases')).execute()
      : [],
    positions
      ? positions.orderBy('p.date', direction).orderBy('p.slug', direction).limit(limit).modifyEnd(tag('timelinePositions')).execute()
      : [],
  ]);
  return merge(r, p, fetchDescending, limit);
}

export async function countTimeline(db: Kysely<Database>, adapter: DialectAdapter, c: TimelineCriteria): Promise<number> {
  const [r, p] = await Promise.all([
    c.eventTypes.includes('RELEASE') ? countReleases(db, adapter, c.releases) : 0,
    c.eventTypes.includes('POLICY_POSITION') ? countPositions(db, c.positions) : 0,
  ]);
  return r + p;
}

/** One timeline page per organization, for `Organization.timeline` across a list. */
export async function findTimelineRowsByOrganization(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  organizationIds: number[],
  c: TimelineCriteria,
  descending: boolean,
  request: PageRequest,
): Promise<Map<number, TimelineRow[]>> {
  const fetchDescending = descending !== request.fromEnd;
  const limit = request.limit + 1;
  const { releases, positions } = branches(db, adapter, c, descending, request);
  const [r, p] = await Promise.all([
    releases
      ? rankedByParent<ReleaseRow>(
          db,
          releases.where('r.organization_id', 'in', organizationIds).modifyEnd(tag('orgTimelineReleases')),
          'r.organization_id',
          ['r.date', 'r.slug'],
          fetchDescending,
          limit,
        )
      : new Map<number, ReleaseRow[]>(),
    positions
      ? rankedByParent<PolicyPositionRow>(
          db,
          positions.where('p.organization_id', 'in', organizationIds).modifyEnd(tag('orgTimelinePositions')),
          'p.organization_id',
          ['p.date', 'p.slug'],
          fetchDescending,
          limit,
        )
      : new Map<number, PolicyPositionRow[]>(),
  ]);
  return new Map(organizationIds.map((id) => [id, merge(r.get(id) ?? [], p.get(id) ?? [], fetchDescending, limit)]));
}

export async function countTimelineByOrganization(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  organizationIds: number[],
  c: TimelineCriteria,
) {
  const [r, p] = await Promise.all([
    c.eventTypes.includes('RELEASE')
      ? countReleasesByParent(db, adapter, 'organization_id', organizationIds, c.releases)
      : new Map<number, number>(),
    c.eventTypes.includes('POLICY_POSITION')
      ? countPositionsByParent(db, 'organization_id', organizationIds, c.positions)
      : new Map<number, number>(),
  ]);
  return new Map(organizationIds.map((id) => [id, (r.get(id) ?? 0) + (p.get(id) ?? 0)]));
}
