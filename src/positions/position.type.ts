import { createUnionType, Field, ID, Int, ObjectType } from 'type-graphql';
import type { DatePrecision, PolicyTopic, Stance, TimelineEventType } from '../domain/vocabulary';
import { DatePrecisionEnum, PolicyTopicEnum, StanceEnum, TimelineEventTypeEnum } from '../graphql/enums';
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
export class PolicyPosition implements Node {
  dbId!: number;
  organizationId!: number;
  actorPersonId!: number | null;
  actorOrganizationId!: number | null;

  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => TimelineEventTypeEnum, { description: 'Always `POLICY_POSITION`.' })
  eventType!: TimelineEventType;

  @Field(() => String, { description: 'Human-readable stable key, e.g. `zuckerberg-open-source-ai-path-forward`.' })
  slug!: string;

  @Field(() => DateScalar, { description: 'When the position was made public.' })
  date!: string;

  @Field(() => DatePrecisionEnum, { description: 'How much of `date` is known.' })
  datePrecision!: DatePrecision;

  @Field(() => String, { description: 'A one-line headline in the project’s own words.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'A short account in the project’s own words.' })
  summary!: string | null;

  @Field(() => PolicyTopicEnum, { description: 'What the position is about.' })
  topic!: PolicyTopic;

  @Field(() => StanceEnum, { description: 'Where it stands on the topic.' })
  stance!: Stance;

  @Field(() => String, { nullable: true, description: 'A short, exact quotation from a cited source.' })
  quote!: string | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  version!: number;
}

export const PolicyPositionConnection = Connection(PolicyPosition, 'PolicyPosition', 'A page of policy positions.');
