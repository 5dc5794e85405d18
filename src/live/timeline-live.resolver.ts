import { Arg, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../app/context';
import { TimelineEvent } from '../timeline/timeline-event.type';
import { TimelineFilter } from '../timeline/timeline.inputs';
import { TimelineEventChange } from './timeline-event-change.type';
import type { TimelineChange } from './timeline-events';
import { addedEvent, eventChange, eventsAdded, eventsChanged } from './timeline-live.service';

/*
 * Live updates over graphql-ws. Each subscription listens on the context's event bus (in
 * process, or fanned out through Redis), not on type-graphql's schema-wide pubSub: the bus
 * belongs to the service, so several services in one process stay apart.
 */
@Resolver()
export class TimelineLiveResolver {
  @Subscription(() => TimelineEvent, {
    description: 'Each new release or policy position that matches the filter, as curators add it.',
    subscribe: ({ args, context }) => eventsAdded(context as Context, args.filter as TimelineFilter | null),
  })
  timelineEventAdded(
    @Root() change: TimelineChange,
    @Arg('filter', () => TimelineFilter, {
      nullable: true,
      description: 'Which events to hear about; the same filter as the `timeline` query’s.',
    })
    _filter: TimelineFilter | null,
    @Ctx() ctx: Context,
  ): Promise<TimelineEvent> {
    return addedEvent(ctx, change);
  }

  @Subscription(() => TimelineEventChange, {
    description:
      'Each update or deletion of a timeline event that matches the filter; an update is delivered when the event matched before it or matches after it.',
    subscribe: ({ args, context }) => eventsChanged(context as Context, args.filter as TimelineFilter | null),
  })
  timelineEventChanged(
    @Root() change: TimelineChange,
    @Arg('filter', () => TimelineFilter, {
      nullable: true,
      description: 'Which events to hear about; the same filter as the `timeline` query’s.',
    })
    _filter: TimelineFilter | null,
    @Ctx() ctx: Context,
  ): Promise<TimelineEventChange> {
    return eventChange(ctx, change);
  }
}
