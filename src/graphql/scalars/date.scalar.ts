import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../../domain/dates';

function check(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** Dates travel as ISO `YYYY-MM-DD` strings, and are kept as such (no time zone can shift them). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date, ISO 8601 `YYYY-MM-DD`. Imprecise dates are the first day of their month or year; the paired `DatePrecision` field says which.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => check(value),
  parseValue: (value) => check(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date literals must be strings written YYYY-MM-DD.', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
    return check(ast.value);
  },
});
