import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { TimelineEvent } from '../timeline/timeline-event.type';
import { relationsFrom, relationsTo } from './relation.service';
import { EventRelation } from './relation.type';

/** Relations on the `TimelineEvent` interface, which every kind of event inherits. */
@Resolver(() => TimelineEvent)
export class EventRelationsResolver {
  @FieldResolver(() => [EventRelation], {
    description:
      'The links this event makes to others, in curated order: EO 14148 REVOKES EO 14110; Code Llama is BASED_ON Llama 2. `event` is the target.',
  })
  relations(@Root() event: TimelineEvent, @Ctx() ctx: Context): Promise<EventRelation[]> {
    return relationsFrom(ctx, event);
  }

  @FieldResolver(() => [EventRelation], {
    description:
      'The same links seen from their target: `event` is the event making the link. Ordered by that event’s date, then event type, then slug.',
  })
  referencedBy(@Root() event: TimelineEvent, @Ctx() ctx: Context): Promise<EventRelation[]> {
    return relationsTo(ctx, event);
  }
}
