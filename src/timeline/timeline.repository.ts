import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { countsByParent, fetchDescending, pageQuery, pagesByParent, tag, type SortKey } from '../db/keyset';
import type { KeyValues, PageRequest } from '../db/paging';
import type { EventRow, TimelineCriteria, TimelineEventKind } from './event-kind';
import { eventKinds } from './event-kinds';

/*
 * The timeline merges every event kind in one order: (date, event type, slug). Each kind
 * is fetched by its own indexed keyset query (its branch), `limit + 1` rows, and the short
 * lists are merged here, so a page costs one statement per kind however deep it is.
 */

export type { TimelineCriteria } from './event-kind';

/** A row with the kind it belongs to. */
export interface TimelineRow {
  kind: TimelineEventKind;
  row: EventRow;
}

export const timelineKeyOf = (e: TimelineRow): KeyValues => [e.row.date, e.kind.type, e.row.slug];

/** The kinds the criteria keep, in list order. */
const kindsOf = (c: TimelineCriteria) => eventKinds().filter((kind) => c.eventTypes.includes(kind.type));

/** The merged order, for its fetch direction; no query sorts on it as such. */
const mergedKey = (descending: boolean): SortKey => ({ columns: ['date', 'type', 'slug'], descending });

/** A branch's sort key: its own (date, slug), the type in between fixed to the kind's. */
const branchKey = (kind: TimelineEventKind, descending: boolean): SortKey => ({
  columns: [kind.columns.date, kind.columns.slug],
  descending,
  fixed: { at: 1, value: kind.type },
});

function compareEvents(a: TimelineRow, b: TimelineRow): number {
  const ka = timelineKeyOf(a);
  const kb = timelineKeyOf(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** Every branch's rows, merged in fetch order, at most `limit`. */
function merge(branches: TimelineRow[][], fetchDescending: boolean, limit: number): TimelineRow[] {
  const events = branches.flat();
  events.sort((a, b) => (fetchDescending ? -compareEvents(a, b) : compareEvents(a, b)));
  return events.slice(0, limit);
}

const withKind = (kind: TimelineEventKind) => (rows: EventRow[]) => rows.map((row) => ({ kind, row }));

export async function findTimelineRows(
  db: Kysely<Database>,
  c: TimelineCriteria,
  descending: boolean,
  request: PageRequest,
): Promise<TimelineRow[]> {
  const branches = await Promise.all(
    kindsOf(c).map((kind) =>
      pageQuery(kind.branch(db, c).selectAll().$castTo<EventRow>(), branchKey(kind, descending), request)
        .modifyEnd(tag(`timeline.${kind.type}`))
        .execute()
        .then(withKind(kind)),
    ),
  );
  return merge(branches, fetchDescending(mergedKey(descending), request), request.limit + 1);
}

export async function countTimeline(db: Kysely<Database>, c: TimelineCriteria): Promise<number> {
  const counts = await Promise.all(
    kindsOf(c).map(async (kind) => {
      const row = await kind
        .branch(db, c)
        .select((eb) => eb.fn.countAll().as('n'))
        .modifyEnd(tag(`timelineCount.${kind.type}`))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** One timeline page per organization, for `Organization.timeline` across a list. */
export async function findTimelineRowsByOrganization(
  db: Kysely<Database>,
  organizationIds: number[],
  c: TimelineCriteria,
  descending: boolean,
  request: PageRequest,
): Promise<Map<number, TimelineRow[]>> {
  const branches = await Promise.all(
    kindsOf(c).map(async (kind) => {
      const { query, parent } = kind.ofOrganizations(db, c, organizationIds);
      const tagged = query.selectAll().modifyEnd(tag(`orgTimeline.${kind.type}`));
      const pages = await pagesByParent<EventRow>(db, tagged, parent, branchKey(kind, descending), request);
      return (id: number) => withKind(kind)(pages.get(id) ?? []);
    }),
  );
  const fetchDesc = fetchDescending(mergedKey(descending), request);
  return new Map(
    organizationIds.map((id) => [
      id,
      merge(
        branches.map((pageOf) => pageOf(id)),
        fetchDesc,
        request.limit + 1,
      ),
    ]),
  );
}

export async function countTimelineByOrganization(db: Kysely<Database>, organizationIds: number[], c: TimelineCriteria) {
  const counts = await Promise.all(
    kindsOf(c).map((kind) => {
      const { query, parent } = kind.ofOrganizations(db, c, organizationIds);
      return countsByParent(query.modifyEnd(tag(`orgTimelineCount.${kind.type}`)), parent);
    }),
  );
  return new Map(organizationIds.map((id) => [id, counts.reduce((sum, byOrganization) => sum + (byOrganization.get(id) ?? 0), 0)]));
}
