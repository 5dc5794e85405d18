import { Field, Int, ObjectType } from 'type-graphql';
import type { DatePrecision, OpenWeightsTreatment, PolicyActionKind, PolicyActionStatus, TimelineEventType } from '../domain/vocabulary';
import {
  DatePrecisionEnum,
  OpenWeightsTreatmentEnum,
  PolicyActionKindEnum,
  PolicyActionStatusEnum,
  TimelineEventTypeEnum,
} from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { TimelineEvent } from '../timeline/timeline-event.type';

@ObjectType({ simpleResolvers: true, description: 'Where a policy action applies.' })
export class Jurisdiction {
  @Field(() => String, {
    description: 'ISO 3166 style code, e.g. `US`, `US-CA`, `EU`, `GB`; `INTL` for summits and intergovernmental bodies.',
  })
  code!: string;

  @Field(() => String, { description: 'The name, e.g. `California`.' })
  name!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A dated step of a policy action, e.g. the date a part of a law starts to apply.' })
export class Milestone {
  @Field(() => String, { description: 'What happens on the date, in the project’s own words.' })
  label!: string;

  @Field(() => DateScalar, { description: 'When; imprecise dates are the first day of their period.' })
  date!: string;

  @Field(() => DatePrecisionEnum, { description: 'How much of `date` is known.' })
  datePrecision!: DatePrecision;
}

@ObjectType({
  simpleResolvers: true,
  implements: [Node, TimelineEvent],
  description: 'What a government, legislature, regulator, court or intergovernmental body did, with its date and sources.',
})
export class PolicyAction extends TimelineEvent {
  jurisdictionCode!: string;

  // The event fields that policy actions describe in their own words are redeclared here; a
  // class field that overrides an inherited one needs an initializer (the mapper sets them all).
  @Field(() => TimelineEventTypeEnum, { description: 'Always `POLICY_ACTION`.' })
  override eventType: TimelineEventType = 'POLICY_ACTION';

  @Field(() => String, { description: 'Human-readable stable key, e.g. `eu-ai-act`.' })
  override slug = '';

  @Field(() => DateScalar, { description: 'When it was signed, adopted, published or decided; later steps are `milestones`.' })
  override date = '';

  @Field(() => PolicyActionKindEnum, { description: 'What sort of measure it is.' })
  kind!: PolicyActionKind;

  @Field(() => PolicyActionStatusEnum, { description: 'Where it stands now.' })
  status!: PolicyActionStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Its official name or number, e.g. `Executive Order 14110` or `Regulation (EU) 2024/1689`.',
  })
  officialName!: string | null;

  @Field(() => OpenWeightsTreatmentEnum, { description: 'How it treats openly released model weights.' })
  openWeights!: OpenWeightsTreatment;

  @Field(() => String, { nullable: true, description: 'How it treats open weights, in the project’s words, with the provision named.' })
  openWeightsNote!: string | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  override version = 0;
}

export const PolicyActionConnection = Connection(PolicyAction, 'PolicyAction', 'A page of policy actions.');
