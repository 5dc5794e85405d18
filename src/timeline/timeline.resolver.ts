import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../app/context';
import { PageArgsBothWays } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { TimelineEventConnection, type TimelineEvent } from './timeline-event.type';
import { TimelineFilter, TimelineOrder } from './timeline.inputs';
import { listTimeline } from './timeline.service';

@Resolver()
export class TimelineResolver {
  @Query(() => TimelineEventConnection, {
    description:
      'The main view: events of every kind, in date order, across or within organizations. Ties on one date are ordered by event type, then slug.',
  })
  timeline(
    @Arg('filter', () => TimelineFilter, { nullable: true, description: 'Narrows the timeline.' }) filter: TimelineFilter | null,
    @Arg('orderBy', () => TimelineOrder, { nullable: true, description: 'Order; oldest first by default.' }) orderBy: TimelineOrder | null,
    @Args(() => PageArgsBothWays) args: PageArgsBothWays,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<TimelineEvent>> {
    return listTimeline(ctx, filter, orderBy, args);
  }
}
