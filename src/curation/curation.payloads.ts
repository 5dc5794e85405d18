import { Field, ID, ObjectType } from 'type-graphql';
import { License } from '../licenses/license.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { PolicyPosition } from '../positions/position.type';
import { Release } from '../releases/release.type';
import { TimelineEvent } from '../timeline/timeline-event.type';
import type { RecordKind } from './records';
import { UserError } from './user-error';
import { withArticle } from '../graphql/article';

/*
 * Mutation payloads (after Shopify's): the record as it is after the change, or null when
 * the change was refused, plus `userErrors` saying why. Declared per kind from one shape.
 */

type TypeFn = () => unknown;

function recordPayload(name: string, field: string, type: TypeFn, description: string): new () => object {
  const cls = { [name]: class {} }[name]!;
  Field(type as never, { nullable: true, description: `The ${field} after the change; null when the mutation was refused.` })(
    cls.prototype,
    field,
  );
  Field(() => [UserError], { description: 'Why the mutation was refused; empty when it succeeded.' })(cls.prototype, 'userErrors');
  ObjectType(name, { description })(cls);
  return cls;
}

function deletePayload(name: string, typeName: string): new () => object {
  const cls = { [name]: class {} }[name]!;
  Field(() => ID, { nullable: true, description: `Global id of the deleted ${typeName}; null when the mutation was refused.` })(
    cls.prototype,
    'deletedId',
  );
  Field(() => [UserError], { description: 'Why the mutation was refused; empty when it succeeded.' })(cls.prototype, 'userErrors');
  ObjectType(name, { description: `The result of deleting ${withArticle(typeName)}.` })(cls);
  return cls;
}

const TYPES: Record<RecordKind, { name: string; field: string; type: TypeFn }> = {
  organizations: { name: 'Organization', field: 'organization', type: () => Organization },
  people: { name: 'Person', field: 'person', type: () => Person },
  licenses: { name: 'License', field: 'license', type: () => License },
  releases: { name: 'Release', field: 'release', type: () => Release },
  policyPositions: { name: 'PolicyPosition', field: 'policyPosition', type: () => PolicyPosition },
};

function payloadsFor(kind: RecordKind) {
  const { name, field, type } = TYPES[kind];
  return {
    field,
    create: recordPayload(`Create${name}Payload`, field, type, `The result of creating ${withArticle(name)}.`),
    update: recordPayload(`Update${name}Payload`, field, type, `The result of updating ${withArticle(name)}.`),
    remove: deletePayload(`Delete${name}Payload`, name),
  };
}

export const PAYLOADS = {
  organizations: payloadsFor('organizations'),
  people: payloadsFor('people'),
  licenses: payloadsFor('licenses'),
  releases: payloadsFor('releases'),
  policyPositions: payloadsFor('policyPositions'),
};

@ObjectType({ description: 'The result of adding or removing a source on a timeline event.' })
export class EventSourcesPayload {
  @Field(() => TimelineEvent, {
    nullable: true,
    description: 'The event after the change, with its sources; null when the mutation was refused.',
  })
  event!: TimelineEvent | null;

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty when it succeeded.' })
  userErrors!: UserError[];
}
