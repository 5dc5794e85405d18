import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AccessLevel, ArtifactType, TimelineEventType } from '../domain/vocabulary';
import { AccessLevelEnum, ArtifactTypeEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { TimelineEvent } from '../timeline/timeline-event.type';

@ObjectType({
  simpleResolvers: true,
  implements: [Node, TimelineEvent],
  description: 'The release of a model, dataset or piece of software by an organization.',
})
export class Release extends TimelineEvent {
  licenseId!: number | null;
  predecessorId!: number | null;

  // The event fields that releases describe in their own words are redeclared here; a
  // class field that overrides an inherited one needs an initializer (the mappers set them all).
  @Field(() => TimelineEventTypeEnum, { description: 'Always `RELEASE`.' })
  override eventType: TimelineEventType = 'RELEASE';

  @Field(() => String, { description: 'Human-readable stable key, e.g. `llama-3-1`.' })
  override slug = '';

  @Field(() => String, { description: 'The artifact’s name, e.g. `Llama 3.1`.' })
  name!: string;

  @Field(() => ArtifactTypeEnum, { description: 'Model, dataset or software.' })
  artifactType!: ArtifactType;

  @Field(() => String, { nullable: true, description: 'The family of related releases, e.g. `Llama`.' })
  family!: string | null;

  @Field(() => DateScalar, { description: 'Public announcement date. Where weights shipped on another day, the summary says so.' })
  override date = '';

  @Field(() => AccessLevelEnum, {
    description: 'How the public can get at the artifact, judged by access and license terms, not by the announcement’s wording.',
  })
  accessLevel!: AccessLevel;

  @Field(() => Boolean, {
    description: 'True when outsiders can obtain the artifact itself: `GATED_WEIGHTS`, `OPEN_WEIGHTS` or `OPEN_SOURCE`.',
  })
  isOpen!: boolean;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  override version = 0;
}

@ObjectType({ simpleResolvers: true, description: 'One size or variant of a released model, e.g. Llama 3.1 405B.' })
export class ModelVariant {
  @Field(() => String, { description: 'Variant name, e.g. `Llama 3.1 405B`.' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'Total parameters, where published.' })
  parameterCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Parameters active per token for mixture-of-experts models, where published.' })
  activeParameterCount!: number | null;
}

export const ReleaseConnection = Connection(Release, 'Release', 'A page of releases.');
