import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, getNamedType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Limits } from '../config';
import type { Context } from '../graphql/context';
import { DEFAULT_PAGE_SIZE } from '../graphql/relay/paging';

/*
 * Limits on what one operation may ask for. The parser-level ones (depth, aliases,
 * directives, tokens) come from graphql-armor; the cost limit is ours, because the cost of
 * a connection depends on its `first`. Every rejection names the limit and its value.
 */

const reject = (message: string, code: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

export function armorProtection(limits: Limits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // Token counting is graphql-js's own parse option (see server.ts): armor's plugin threw from
    // a plugin hook, which turned every syntax error into a 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false }, // Apollo's hideSchemaDetailsFromClientErrors does this in production
  }).protect();
}

/** A connection's children count once per item it may return; a list of ids once per id. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (type.name.endsWith('Connection')) {
    const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    return 1 + childComplexity * Math.max(1, Number.isFinite(size) ? size : DEFAULT_PAGE_SIZE);
  }
  if (isListType(field.type) && Array.isArray(args.ids)) return 1 + childComplexity * args.ids.length;
  return undefined;
};

/**
 * Throws QUERY_TOO_COSTLY when an operation costs more than `maxCost`. With a `cacheKey`
 * (the same operation with the same variables always costs the same), the last few hundred
 * costs are remembered.
 */
export function costCheck(schema: GraphQLSchema, maxCost: number) {
  const known = new Map<string, number>();
  return (document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, cacheKey?: string): void => {
    let cost = cacheKey === undefined ? undefined : known.get(cacheKey);
    if (cost === undefined) {
      cost = getComplexity({
        schema,
        query: document,
        variables,
        operationName,
        estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
      });
      if (cacheKey !== undefined) {
        if (known.size >= 500) known.delete(known.keys().next().value!);
        known.set(cacheKey, cost);
      }
    }
    if (cost > maxCost) {
      throw reject(
        `Query cost ${cost} exceeds the limit of ${maxCost} (MAX_COST). Each field costs 1, and a connection's fields count once per item asked for with first/last: ask for smaller pages or fewer nested connections.`,
        'QUERY_TOO_COSTLY',
        { cost, limit: maxCost },
      );
    }
  };
}

export function costLimit(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<Context> {
  const check = costCheck(schema, maxCost);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, queryHash }) {
          const variables = request.variables ?? {};
          check(document, variables, request.operationName ?? undefined, `${queryHash}|${request.operationName ?? ''}|${JSON.stringify(variables)}`);
        },
      };
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, for cheap checks and cache keys. */
    rawBody?: string;
  }
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url; // malformed escapes: Fastify's query parser has already rejected or kept them as text
  }
}

/** JSON bodies parsed here, keeping the raw text (Fastify's own parser discards it). */
export function jsonBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text.length === 0) return done(Object.assign(new Error("Body cannot be empty when content-type is set to 'application/json'"), { statusCode: 400 }), undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(Object.assign(new Error(`Body is not valid JSON: ${(err as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
}

/**
 * Cheap checks on the raw request, before any parsing of GraphQL: the query text's
 * length, and NUL characters (which no field accepts and PostgreSQL cannot store).
 */
export function rawRequestChecks(app: FastifyInstance, limits: Limits): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    if (Array.isArray(request.body)) {
      return reply.code(400).send({ errors: [{ message: 'Batched requests (a JSON array of operations) are not accepted; send one operation per request.', extensions: { code: 'BATCHING_DISABLED' } }] });
    }
    const source = request.method === 'GET' ? (request.query as Record<string, unknown>) : (request.body as Record<string, unknown> | undefined);
    const query = source && typeof source === 'object' ? source.query : undefined;
    if (typeof query === 'string' && query.length > limits.maxQueryLength) {
      return reply.code(400).send({
        errors: [{ message: `Query text is ${query.length} characters long; the limit is ${limits.maxQueryLength} (MAX_QUERY_LENGTH).`, extensions: { code: 'QUERY_TOO_LONG', limit: limits.maxQueryLength, length: query.length } }],
      });
    }
    const raw = request.method === 'GET' ? safeDecode(request.url) : (request.rawBody ?? '');
    if (raw.includes('\\u0000') || raw.includes('\u0000')) {
      return reply.code(400).send({ errors: [{ message: 'The request contains a NUL character (U+0000), which no field accepts.', extensions: { code: 'BAD_USER_INPUT' } }] });
    }
  });
}
