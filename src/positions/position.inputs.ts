import { Field, InputType } from 'type-graphql';
import type { OrderDirection, PolicyTopic, Stance } from '../domain/vocabulary';
import { OrderDirectionEnum, PolicyTopicEnum, StanceEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';

@InputType({ description: 'Narrows a list of policy positions. Fields combine with AND; a list matches any of its values.' })
export class PolicyPositionFilter {
  @Field(() => [String], { nullable: true, description: 'Slugs of the organizations spoken for. An unknown slug is an error.' })
  organizations?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Slugs of the people who took the position. An unknown slug is an error.' })
  people?: string[] | null;

  @Field(() => [PolicyTopicEnum], { nullable: true, description: 'Only these topics.' })
  topics?: PolicyTopic[] | null;

  @Field(() => [StanceEnum], { nullable: true, description: 'Only these stances.' })
  stances?: Stance[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or after this date.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or before this date.' })
  to?: string | null;
}

@InputType({ description: 'How to order policy positions: by date, ties broken by slug.' })
export class PolicyPositionOrder {
  @Field(() => OrderDirectionEnum, { defaultValue: 'ASC', description: '`ASC` for oldest first.' })
  direction!: OrderDirection;
}
