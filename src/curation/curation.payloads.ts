import { Field, ID, ObjectType } from 'type-graphql';
import { withArticle } from '../graphql/article';
import type { RecordKind } from '../records/kind';
import { KINDS, type AnyKind } from '../records/registry';
import { TimelineEvent } from '../timeline/timeline-event.type';
import { UserError } from './user-error';

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

function payloadsFor({ typeName: name, field, type }: AnyKind) {
  return {
    field,
    create: recordPayload(`Create${name}Payload`, field, type, `The result of creating ${withArticle(name)}.`),
    update: recordPayload(`Update${name}Payload`, field, type, `The result of updating ${withArticle(name)}.`),
    remove: deletePayload(`Delete${name}Payload`, name),
  };
}

export const PAYLOADS = Object.fromEntries(KINDS.map((def) => [def.key, payloadsFor(def)])) as Record<
  RecordKind,
  ReturnType<typeof payloadsFor>
>;

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
