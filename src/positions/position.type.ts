import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import type { PolicyTopic, Stance, TimelineEventType } from '../domain/vocabulary';
import { PolicyTopicEnum, StanceEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { TimelineEvent } from '../timeline/timeline-event.type';

export const Actor = createUnionType({
  name: 'Actor',
  description: 'Who took a position: a person, or an organization speaking as itself.',
  types: () => [Person, Organization] as const,
  resolveType: (value) => (value instanceof Person ? Person : Organization),
});

@ObjectType({
  simpleResolvers: true,
  implements: [Node, TimelineEvent],
  description: 'A public position on AI policy taken by a person or organization, with its date and sources.',
})
export class PolicyPosition extends TimelineEvent {
  actorPersonId!: number | null;
  actorOrganizationId!: number | null;

  // The event fields that positions describe in their own words are redeclared here; a
  // class field that overrides an inherited one needs an initializer (the mapper sets them all).
  @Field(() => TimelineEventTypeEnum, { description: 'Always `POLICY_POSITION`.' })
  override eventType: TimelineEventType = 'POLICY_POSITION';

  @Field(() => String, { description: 'Human-readable stable key, e.g. `zuckerberg-open-source-ai-path-forward`.' })
  override slug = '';

  @Field(() => DateScalar, { description: 'When the position was made public.' })
  override date = '';

  @Field(() => PolicyTopicEnum, { description: 'What the position is about.' })
  topic!: PolicyTopic;

  @Field(() => StanceEnum, { description: 'Where it stands on the topic.' })
  stance!: Stance;

  @Field(() => String, { nullable: true, description: 'A short, exact quotation from a cited source.' })
  quote!: string | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  override version = 0;
}

export const PolicyPositionConnection = Connection(PolicyPosition, 'PolicyPosition', 'A page of policy positions.');
