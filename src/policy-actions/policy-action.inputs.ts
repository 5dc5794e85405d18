import { Field, InputType } from 'type-graphql';
import type { PolicyActionKind, PolicyActionStatus } from '../domain/vocabulary';
import { PolicyActionKindEnum, PolicyActionStatusEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';

@InputType({ description: 'Narrows a list of policy actions. Fields combine with AND; a list matches any of its values.' })
export class PolicyActionFilter {
  @Field(() => [String], { nullable: true, description: 'Jurisdiction codes, e.g. `["US", "EU"]`. An unknown code is an error.' })
  jurisdictions?: string[] | null;

  @Field(() => [PolicyActionKindEnum], { nullable: true, description: 'Only these kinds.' })
  kinds?: PolicyActionKind[] | null;

  @Field(() => [PolicyActionStatusEnum], { nullable: true, description: 'Only these statuses.' })
  statuses?: PolicyActionStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Slugs of the issuing bodies. An unknown slug is an error.' })
  organizations?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or after this date.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or before this date.' })
  to?: string | null;
}
