import { GraphQLError } from 'graphql';

/*
 * Typed errors with a fixed `extensions.code` (after type-graphql's src/errors/graphql/).
 * A user's mistake is one of these, never a bare Error: unknown errors are masked.
 */

export class BadUserInputError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
  }
}

/** A bad argument: says which argument, what was wrong and what is accepted. */
export function badArgument(argument: string, message: string): BadUserInputError {
  return new BadUserInputError(`Argument "${argument}": ${message}`, { argumentName: argument });
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_FOUND' } });
  }
}
