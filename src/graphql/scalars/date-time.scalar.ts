import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';

/*
 * graphql-scalars' DateTime (RFC 3339 timestamps, UTC) with the `@specifiedBy` URL it
 * leaves out, so clients and code generators can tell what the strings hold.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time.html',
});
