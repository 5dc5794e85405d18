import type { Context } from '../app/context';
import { checkDateRange } from '../graphql/date-range';
import { badArgument } from '../graphql/errors';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { pageRequest, type CursorPart, type PageArgs } from '../graphql/relay/paging';
import { TimelineEventTypes } from '../domain/vocabulary';
import { organizationIdsForSlugs } from '../organizations/organization.service';
import { eventKinds } from './event-kinds';
import type { TimelineEvent } from './timeline-event.type';
import { TimelineEventConnection } from './timeline-event.type';
import type { TimelineFilter, TimelineOrder } from './timeline.inputs';
import { countTimeline, findTimelineRows, timelineKeyOf, type TimelineCriteria, type TimelineRow } from './timeline.repository';

/** Date, event type, slug: what a timeline cursor holds. */
const KEY_SHAPE: readonly CursorPart[] = ['date', TimelineEventTypes.values, 'slug'];

/** Validates a filter (errors name the argument) and resolves its slugs. */
export async function timelineCriteria(ctx: Context, filter: TimelineFilter | null | undefined): Promise<TimelineCriteria> {
  checkDateRange(filter, 'filter');
  if (filter?.organizationsApplyTo?.length === 0)
    throw badArgument(
      'filter.organizationsApplyTo',
      'is empty, so `organizations` would narrow no kind of event; name at least one, or leave it out for every kind.',
    );
  if (filter) for (const kind of eventKinds()) kind.checkFilter?.(filter, 'filter');
  const organizationIds = await organizationIdsForSlugs(ctx, filter?.organizations, 'filter.organizations');
  return {
    eventTypes: filter?.eventTypes ?? eventKinds().map((kind) => kind.type),
    organizationIds,
    filter: { ...filter },
  };
}

const toEvent = (e: TimelineRow): TimelineEvent => e.kind.toEvent(e.row);

export async function listTimeline(
  ctx: Context,
  filter: TimelineFilter | null | undefined,
  order: TimelineOrder | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<TimelineEvent>> {
  const request = pageRequest(args, KEY_SHAPE, { backward: true });
  const criteria = await timelineCriteria(ctx, filter);
  const { db } = ctx.store;
  const rows = await findTimelineRows(db, criteria, order?.direction === 'DESC', request);
  return new TimelineEventConnection(toPage(rows, request, timelineKeyOf, toEvent, () => countTimeline(db, criteria)));
}

export async function organizationTimeline(
  ctx: Context,
  organizationId: number,
  filter: TimelineFilter | null | undefined,
  order: TimelineOrder | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<TimelineEvent>> {
  const request = pageRequest(args, KEY_SHAPE, { backward: true });
  const criteria = await timelineCriteria(ctx, filter);
  const descending = order?.direction === 'DESC';
  const rows = await ctx.loaders.timeline.byOrganization.load({ parentId: organizationId, params: { criteria, descending, request } });
  const count = () => ctx.loaders.timeline.countsByOrganization.load({ parentId: organizationId, params: criteria });
  return new TimelineEventConnection(toPage(rows, request, timelineKeyOf, toEvent, count));
}
