import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyInstance } from 'fastify';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Limits } from '../config';
import type { Context } from '../app/context';
import { MAX_ECHO } from '../graphql/echo';
import { checkInputs, type InputLimits } from '../graphql/input-checks';
import { DEFAULT_PAGE_SIZE } from '../graphql/relay/paging';

/*
 * Limits on what one operation may ask for. The parser-level ones (depth, aliases,
 * directives, tokens) come from graphql-armor; the cost limit is ours, because the cost of
 * a connection depends on its `first`. Every rejection names the limit and its value.
 */

const reject = (message: string, code: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

/** Every validation rule an operation passes, over HTTP and over WebSocket, besides graphql-js's own. */
export function operationRules(limits: Limits) {
  const armor = new ApolloArmor({
    // Introspection (`__schema`) is bounded by its own rules below: tools' standard introspection query is 15 deep.
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // Token counting is graphql-js's own parse option (see server.ts): armor's plugin threw from
    // a plugin hook, which turned every syntax error into a 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false }, // Apollo's hideSchemaDetailsFromClientErrors does this in production
  }).protect();
  // graphql-js's MaxIntrospectionDepthRule (one of its specifiedRules, which both Apollo and the
  // WebSocket path run) refuses `fields { type { fields ... } }` cycles whatever the depth; ours
  // bounds the depth of the whole introspection selection.
  return { plugins: armor.plugins, validationRules: [...armor.validationRules, introspectionDepth(limits.maxIntrospectionDepth)] };
}

/**
 * The depth of each `__schema` / `__type` selection, fragments spread, at most `max`. Each
 * fragment's depth is computed once, so a fragment spread many times costs nothing more.
 * One `__schema` per document: aliased copies would each rebuild the whole schema's answer.
 */
export function introspectionDepth(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const known = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
      let deepest = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet));
        else {
          const name = selection.name.value;
          if (!known.has(name)) {
            known.set(name, 0); // a cycle (refused by NoFragmentCyclesRule) adds nothing
            known.set(name, depthOf(fragments.get(name)?.selectionSet));
          }
          deepest = Math.max(deepest, known.get(name)!);
        }
      }
      return deepest;
    };
    const schemas = new Set<string>();
    return {
      Field(node) {
        if (node.name.value !== '__schema' && node.name.value !== '__type') return;
        if (node.name.value === '__schema' && schemas.add(node.alias?.value ?? '__schema').size === 2) {
          context.reportError(
            new GraphQLError('At most one __schema selection (under one name) is answered per request.', { nodes: [node] }),
          );
        }
        const depth = 1 + depthOf(node.selectionSet);
        if (depth > max)
          context.reportError(
            new GraphQLError(`Introspection depth limit of ${max} (MAX_INTROSPECTION_DEPTH) exceeded, found ${depth}.`, { nodes: [node] }),
          );
      },
    };
  };
}

/**
 * How many links an event's `relations` or `referencedBy` is taken to hold, for the cost.
 * Neither takes `first`: each is every link at that end, a few at most in curated data (the
 * seed's most linked event has 4). Counted once, nested in each other they would cost a
 * field a level while the links they fetch multiply with every level.
 */
export const ASSUMED_LINKS = 5;

/** A connection's children count once per item it may return; a list of ids once per id; a list of event links ASSUMED_LINKS times. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (type.name.endsWith('Connection')) {
    const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    return 1 + childComplexity * Math.max(1, Number.isFinite(size) ? size : DEFAULT_PAGE_SIZE);
  }
  if (isListType(field.type) && Array.isArray(args.ids)) return 1 + childComplexity * args.ids.length;
  if (type.name === 'EventRelation' && isListType(getNullableType(field.type))) return 1 + childComplexity * ASSUMED_LINKS;
  return undefined;
};

/** Fields one operation may expand to once its fragments are spread, before its cost is even summed. */
const MAX_QUERY_NODES = 10_000;

/**
 * The message less graphql-js's closing "Did you mean ...?" hint. No regex: the message quotes
 * the client's value, and a pattern with backtracking over a value full of "Did you mean"
 * takes time growing with its square (seconds for 100 KB).
 */
function withoutHint(message: string): string {
  if (!message.endsWith('?')) return message;
  const at = message.lastIndexOf('Did you mean ');
  return at < 0 ? message : message.slice(0, at).trimEnd();
}

/**
 * A validation or coercion message fit to send: no "did you mean" hints in production (as
 * Apollo's hideSchemaDetailsFromClientErrors), and the client's own value, which graphql-js
 * quotes whole (twice, for a variable of the wrong type), cut short.
 */
export function clientMessage(message: string, production: boolean): string {
  const bare = production ? withoutHint(message) : message;
  return bare.length > 4 * MAX_ECHO ? `${bare.slice(0, 4 * MAX_ECHO)}… (cut; the value sent is longer)` : bare;
}

/**
 * What a variable's value can change in the cost: a number (first/last), a list's length
 * (ids), a boolean (@include/@skip). Strings and input objects cannot, so a cache key made
 * of these stays small whatever the variables weigh.
 */
function costInputs(coerced: Record<string, unknown>): string {
  return Object.entries(coerced)
    .map(
      ([name, value]) =>
        `${name}=${typeof value === 'number' || typeof value === 'boolean' ? String(value) : Array.isArray(value) ? `[${value.length}]` : value === null ? 'null' : '*'}`,
    )
    .join(',');
}

/**
 * Checks an operation's variables and cost before it runs. A variable missing, of the wrong
 * type or nested too deep is BAD_USER_INPUT; an operation costing more than `maxCost` (or
 * expanding to more than MAX_QUERY_NODES fields) QUERY_TOO_COSTLY. Both are the client's
 * mistake: 400, never a 500. With a `documentKey` (the same document always costs the same
 * for the same cost inputs), the last few hundred costs are remembered.
 */
export function costCheck(schema: GraphQLSchema, maxCost: number, production: boolean) {
  const known = new Map<string, number>();
  return (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    documentKey?: string,
  ): GraphQLError[] => {
    const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
    if (errors) {
      // As Apollo's hideSchemaDetailsFromClientErrors: no "did you mean" hints in production.
      return errors.map(
        (e) =>
          new GraphQLError(clientMessage(e.message, production), {
            nodes: e.nodes,
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          }),
      );
    }
    const cacheKey = documentKey === undefined ? undefined : `${documentKey}|${operation.name?.value ?? ''}|${costInputs(coerced)}`;
    let cost = cacheKey === undefined ? undefined : known.get(cacheKey);
    if (cost === undefined) {
      try {
        cost = getComplexity({
          schema,
          query: document,
          variables: coerced,
          operationName: operation.name?.value,
          maxQueryNodes: MAX_QUERY_NODES,
          estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
        });
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        return [
          reject(
            `This operation expands to more than ${MAX_QUERY_NODES} fields once its fragments are spread: spread fewer fragments, or fewer times.`,
            'QUERY_TOO_COSTLY',
            {
              limit: maxCost,
            },
          ),
        ];
      }
      if (cacheKey !== undefined) {
        if (known.size >= 500) known.delete(known.keys().next().value!);
        known.set(cacheKey, cost);
      }
    }
    if (cost > maxCost) {
      return [
        reject(
          `Query cost ${cost} exceeds the limit of ${maxCost} (MAX_COST). Each field costs 1, a connection's fields count once per item asked for with first/last, and the fields under an event's relations or referencedBy ${ASSUMED_LINKS} times: ask for smaller pages or fewer nested connections and relations.`,
          'QUERY_TOO_COSTLY',
          { cost, limit: maxCost },
        ),
      ];
    }
    return [];
  };
}

/**
 * The operation's inputs (list lengths, NUL), then its variables and cost, one after the
 * other in one hook: Apollo runs plugins' didResolveOperation hooks concurrently, so two
 * plugins could not keep the cost check from coercing a list the input check refuses.
 */
export function operationLimits(
  schema: GraphQLSchema,
  limits: InputLimits,
  check: ReturnType<typeof costCheck>,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, queryHash }) {
          checkInputs(schema, document, request.variables, limits);
          // No operation of that name (or several and no name): Apollo answers that itself, 400 OPERATION_RESOLUTION_FAILURE.
          if (!operation) return;
          const [error] = check(document, operation, request.variables ?? {}, queryHash);
          if (error) throw error;
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
    if (text.length === 0)
      return done(
        Object.assign(new Error("Body cannot be empty when content-type is set to 'application/json'"), { statusCode: 400 }),
        undefined,
      );
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
    // Apollo's CSRF prevention is off (GET queries are allowed, see server.ts): a POST with a
    // content type a cross-site form can send (text/plain) is refused here instead.
    if (request.method === 'POST' && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      return reply.code(400).send({
        errors: [
          {
            message: "A POST to /graphql must have 'content-type: application/json' (other types could be a cross-site form submission).",
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
    if (Array.isArray(request.body)) {
      return reply.code(400).send({
        errors: [
          {
            message: 'Batched requests (a JSON array of operations) are not accepted; send one operation per request.',
            extensions: { code: 'BATCHING_DISABLED' },
          },
        ],
      });
    }
    const source =
      request.method === 'GET' ? (request.query as Record<string, unknown>) : (request.body as Record<string, unknown> | undefined);
    const query = source && typeof source === 'object' ? source.query : undefined;
    if (typeof query === 'string' && query.length > limits.maxQueryLength) {
      return reply.code(400).send({
        errors: [
          {
            message: `Query text is ${query.length} characters long; the limit is ${limits.maxQueryLength} (MAX_QUERY_LENGTH).`,
            extensions: { code: 'QUERY_TOO_LONG', limit: limits.maxQueryLength, length: query.length },
          },
        ],
      });
    }
    const raw = request.method === 'GET' ? safeDecode(request.url) : (request.rawBody ?? '');
    if (raw.includes('\\u0000') || raw.includes('\u0000')) {
      return reply.code(400).send({
        errors: [
          { message: 'The request contains a NUL character (U+0000), which no field accepts.', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    }
  });
}
