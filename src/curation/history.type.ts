import { GraphQLJSONObject } from 'graphql-scalars';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ChangeOperation, CitationSubject } from '../db/database';
import { ChangeOperationEnum, RecordTypeEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';

@ObjectType({
  implements: Node,
  description: 'One recorded change to a record: who made it, when, why, and the record before and after (in seed-file format).',
})
export class Change implements Node {
  @Field(() => ID, {
    description:
      'Global id of this change. `node(id:)` returns it to anyone while its record exists, and only to ADMIN keys once the record is deleted (as `auditLog` does).',
  })
  id!: string;

  @Field(() => ChangeOperationEnum, { description: 'What the change did.' })
  operation!: ChangeOperation;

  @Field(() => String, { nullable: true, description: 'The mutation or script that made it, e.g. `updateRelease` or `db:seed`.' })
  mutation!: string | null;

  /** The key's name and role; `actor` (a field resolver) shows the name to admins only. */
  keyName!: string | null;
  keyRole!: string | null;

  /** The row changed; null for a record deleted before changes named their row. */
  subjectId!: number | null;

  @Field(() => String, { nullable: true, description: 'The reason given with the change.' })
  reason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was made (UTC).' })
  changedAt!: Date;

  @Field(() => Int, { nullable: true, description: "The record's version after the change; null after a delete." })
  version!: number | null;

  @Field(() => RecordTypeEnum, { description: 'The kind of record changed.' })
  recordType!: CitationSubject;

  @Field(() => String, { description: 'Slug of the record changed (kept after a delete).' })
  recordSlug!: string;

  @Field(() => ID, {
    description:
      'Global id of the record changed, made from its slug: `node(id:)` finds the record that holds that slug now, which is another one if this record was deleted and its slug reused (`record` is null then).',
  })
  recordId!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The record before the change, as a seed file would hold it; null for a creation.',
  })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The record after the change, as a seed file would hold it; null for a deletion.',
  })
  after!: Record<string, unknown> | null;

  @Field(() => [String], { description: 'The top-level fields whose value differs between `before` and `after`.' })
  changedFields!: string[];
}

export const ChangeConnection = Connection(Change, 'Change', 'A page of changes, newest first.');

@InputType({ description: 'Narrows the audit log. Fields combine with AND; a list matches any of its values.' })
export class AuditLogFilter {
  @Field(() => [RecordTypeEnum], { nullable: true, description: 'Only changes to these kinds of record.' })
  recordTypes?: CitationSubject[] | null;

  @Field(() => [ChangeOperationEnum], { nullable: true, description: 'Only these operations.' })
  operations?: ChangeOperation[] | null;

  @Field(() => [String], { nullable: true, description: 'Only changes made with these API keys (by name).' })
  actors?: string[] | null;
}
