import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/*
 * A curator's mistake, returned in a mutation's payload rather than thrown (after
 * Shopify's `userErrors`): the mutation changed nothing, and this says where and why.
 */

const CODES = {
  INVALID: 'A value breaks a rule (format, range, a date and its precision, a required field).',
  NOT_FOUND: 'The record, or a record the input refers to, does not exist.',
  CONFLICT: 'The record changed since the version you read; `currentVersion` says what it is now.',
  TAKEN: 'The slug or URL is already used by another record.',
  IN_USE: 'Other records refer to this one, so it cannot be deleted.',
  SOURCE_REQUIRED: 'An event must keep at least one source.',
} as const;
export type UserErrorCode = keyof typeof CODES;

// An enum, so typed clients can switch on every code and are told when one is added.
export const UserErrorCodeEnum = Object.fromEntries(Object.keys(CODES).map((c) => [c, c])) as { [K in UserErrorCode]: K };
registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: 'Why a mutation was refused: a stable, machine-readable code.',
  valuesConfig: Object.fromEntries(Object.entries(CODES).map(([code, description]) => [code, { description }])) as never,
});

@ObjectType({ description: 'Why a mutation was refused. A refused mutation changes nothing.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "sources", "0", "url"]; null when no single field is.',
  })
  field!: string[] | null;

  @Field(() => String, { description: 'What is wrong and what would be accepted, in words a curator can act on.' })
  message!: string;

  @Field(() => UserErrorCodeEnum, { description: 'Stable machine-readable code; `message` says the rest in words.' })
  code!: UserErrorCode;

  @Field(() => Int, {
    nullable: true,
    description: "With CONFLICT: the record's current version. Re-read the record, reapply your change, and retry with this version.",
  })
  currentVersion!: number | null;
}

export function userError(
  field: ReadonlyArray<string | number> | null,
  message: string,
  code: UserErrorCode,
  currentVersion: number | null = null,
): UserError {
  return Object.assign(new UserError(), { field: field === null ? null : field.map(String), message, code, currentVersion });
}

/** Thrown inside a mutation's transaction to roll it back and answer with these errors. */
export class Rejection extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
    this.name = 'Rejection';
  }
}
