import { registerEnumType } from 'type-graphql';
import * as v from '../domain/vocabulary';

type Vocabulary<T extends string> = { values: readonly T[]; descriptions: Record<T, string> };

/** A GraphQL enum from a domain vocabulary: the same values, each with its description. */
function graphqlEnum<T extends string>(name: string, description: string, vocab: Vocabulary<T>): { [K in T]: K } {
  const enumObject = Object.fromEntries(vocab.values.map((value) => [value, value])) as { [K in T]: K };
  const valuesConfig = Object.fromEntries(vocab.values.map((value) => [value, { description: vocab.descriptions[value] }]));
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as never });
  return enumObject;
}

export const DatePrecisionEnum = graphqlEnum('DatePrecision', 'How much of a date is known.', v.DatePrecisions);
export const OrderDirectionEnum = graphqlEnum('OrderDirection', 'Sort direction.', v.OrderDirections);
export const OrganizationKindEnum = graphqlEnum('OrganizationKind', 'What sort of organization this is.', v.OrganizationKinds);
export const AccessLevelEnum = graphqlEnum(
  'AccessLevel',
  "How the public can get at the artifact (after Solaiman's release gradient and Epoch AI's accessibility field).",
  v.AccessLevels,
);
export const AvailabilityEnum = graphqlEnum(
  'Availability',
  'Whether one component of a release can be had, and on what terms (after the Model Openness Framework).',
  v.Availabilities,
);
export const ArtifactTypeEnum = graphqlEnum('ArtifactType', 'What kind of artifact was released.', v.ArtifactTypes);
export const ModalityEnum = graphqlEnum('Modality', 'A kind of data a model takes in or produces.', v.Modalities);
export const PolicyTopicEnum = graphqlEnum('PolicyTopic', 'What a policy position is about.', v.PolicyTopics);
export const StanceEnum = graphqlEnum('Stance', "Where a position stands on its topic's proposition.", v.Stances);
export const PolicyActionKindEnum = graphqlEnum(
  'PolicyActionKind',
  'What a government, legislature, regulator, court or intergovernmental body did.',
  v.PolicyActionKinds,
);
export const PolicyActionStatusEnum = graphqlEnum('PolicyActionStatus', 'Where a policy action stands.', v.PolicyActionStatuses);
export const OpenWeightsTreatmentEnum = graphqlEnum(
  'OpenWeightsTreatment',
  'How a measure treats openly released model weights.',
  v.OpenWeightsTreatments,
);
export const TimelineEventTypeEnum = graphqlEnum('TimelineEventType', 'The kinds of timeline event.', v.TimelineEventTypes);
export const RelationTypeEnum = graphqlEnum('RelationType', 'A typed link from one timeline event to another.', v.RelationTypes);
export const TimelineChangeOperationEnum = graphqlEnum(
  'TimelineChangeOperation',
  'What happened to an existing timeline event.',
  v.TimelineChangeOperations,
);
export const ChangeOperationEnum = graphqlEnum('ChangeOperation', 'What a recorded change did.', v.ChangeOperations);
export const RecordTypeEnum = graphqlEnum('RecordType', 'The kinds of record curators edit.', v.RecordTypes);
