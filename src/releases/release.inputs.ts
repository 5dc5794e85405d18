import { Field, InputType } from 'type-graphql';
import type { AccessLevel, ArtifactType, OrderDirection } from '../domain/vocabulary';
import { AccessLevelEnum, ArtifactTypeEnum, OrderDirectionEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';

@InputType({ description: 'Narrows a list of releases. Fields combine with AND; a list matches any of its values.' })
export class ReleaseFilter {
  @Field(() => [String], { nullable: true, description: 'Organization slugs, e.g. `["meta"]`. An unknown slug is an error.' })
  organizations?: string[] | null;

  @Field(() => [AccessLevelEnum], { nullable: true, description: 'Only these access levels.' })
  accessLevels?: AccessLevel[] | null;

  @Field(() => [ArtifactTypeEnum], { nullable: true, description: 'Only these artifact types.' })
  artifactTypes?: ArtifactType[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these families, e.g. `["Llama"]` (exact match).' })
  families?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'When true, only releases whose `isOpen` is true; false or null does not filter.' })
  openOnly?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or after this date.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or before this date.' })
  to?: string | null;
}

@InputType({ description: 'How to order releases: by date, ties broken by slug.' })
export class ReleaseOrder {
  @Field(() => OrderDirectionEnum, { defaultValue: 'ASC', description: '`ASC` for oldest first.' })
  direction!: OrderDirection;
}
