import { Field, Int, ObjectType } from 'type-graphql';

/*
 * A curator's mistake, returned in a mutation's payload rather than thrown (after
 * Shopify's `userErrors`): the mutation changed nothing, and this says where and why.
 */

export type UserErrorCode = 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'TAKEN' | 'IN_USE' | 'SOURCE_REQUIRED';

@ObjectType({ description: 'Why a mutation was refused. A refused mutation changes nothing.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "sources", "0", "url"]; null when no single field is.',
  })
  field!: string[] | null;

  @Field(() => String, { description: 'What is wrong and what would be accepted, in words a curator can act on.' })
  message!: string;

  @Field(() => String, {
    description:
      'Stable machine-readable code: INVALID (a value breaks a rule), NOT_FOUND (the record or a referenced one does not exist), CONFLICT (the record changed since the version you read), TAKEN (the slug or URL is in use), IN_USE (other records refer to this one), SOURCE_REQUIRED (an event must keep at least one source).',
  })
  code!: UserErrorCode;

  @Field(() => Int, { nullable: true, description: 'With CONFLICT: the record\'s current version. Re-read the record, reapply your change, and retry with this version.' })
  currentVersion!: number | null;
}

export function userError(field: ReadonlyArray<string | number> | null, message: string, code: UserErrorCode, currentVersion: number | null = null): UserError {
  return Object.assign(new UserError(), { field: field === null ? null : field.map(String), message, code, currentVersion });
}

/** Thrown inside a mutation's transaction to roll it back and answer with these errors. */
export class Rejection extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
    this.name = 'Rejection';
  }
}
