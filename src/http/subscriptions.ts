import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Config } from '../config';
import type { Context, RequestLog } from '../app/context';
import { checkInputs } from '../graphql/input-checks';
import { formatErrorsOutsideApollo } from './errors';
import { clientMessage, type costCheck } from './limits';

/*
 * Subscriptions over graphql-ws, on the HTTP server's own port and path (/graphql). Every
 * operation passes the checks an HTTP one does (query length, tokens, armor's validation
 * rules, cost), and errors carry the same codes. Only subscriptions are accepted: queries
 * and mutations go over HTTP, where rate limits, the response cache and metrics apply.
 */

export interface SubscriptionOptions {
  schema: GraphQLSchema;
  config: Pick<Config, 'limits' | 'corsOrigins' | 'nodeEnv'>;
  validationRules: readonly ValidationRule[];
  checkOperation: ReturnType<typeof costCheck>;
  /** A fresh context for each subscription. */
  context: (requestId: string, log: RequestLog) => Context;
  log: Logger;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Browsers send any page's Origin on a WebSocket handshake and apply no CORS: the server
 * decides. Only CORS_ORIGINS pass (and, outside production, pages on this machine, as a
 * dev server or the Sandbox on localhost). An Origin equal to the Host header proves
 * nothing: under DNS rebinding the attacker's page has Origin http://evil.example:4000
 * and sends Host evil.example:4000.
 */
export function originAllowed(config: Pick<Config, 'corsOrigins' | 'nodeEnv'>, origin: string | undefined): boolean {
  if (origin === undefined) return true; // not a browser: the origin check protects browsers' users only
  if (config.corsOrigins === '*' || config.corsOrigins.includes(origin)) return true;
  if (config.nodeEnv === 'production') return false;
  try {
    const url = new URL(origin);
    return /^https?:$/.test(url.protocol) && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Whether a NUL character is anywhere in the variables; iterative, so that no nesting depth can overflow the stack. */
function containsNul(variables: unknown): boolean {
  const pending: unknown[] = [variables];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** The same errors as over HTTP, less the HTTP status, which a socket has no use for. */
function withoutHttpStatus(error: GraphQLError): GraphQLError {
  const { http: _status, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions });
}

const refusal = (message: string, code: string, extensions: Record<string, unknown> = {}) => [
  new GraphQLError(message, { extensions: { code, ...extensions } }),
];

/** Over HTTP a subscription would run once as a query, with nothing to deliver: it is refused, with directions. */
export const noSubscriptionsOverHttp: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'Subscriptions are served over WebSocket (the graphql-ws protocol, graphql-transport-ws) at /graphql, not over HTTP.',
          {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          },
        );
      },
    };
  },
};

export function attachSubscriptions(app: FastifyInstance, options: SubscriptionOptions): { close(): Promise<void> } {
  const { schema, config, log } = options;
  const { limits } = config;
  const rules = [...specifiedRules, ...options.validationRules];
  const production = config.nodeEnv === 'production';
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.bodyLimitBytes });
  let closing = false;

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (closing) return refuse(socket, '503 Service Unavailable');
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/graphql') return refuse(socket, '404 Not Found');
    if (!originAllowed(config, request.headers.origin)) return refuse(socket, '403 Forbidden');
    // The per-IP rate limit never sees an upgrade: a cap per process bounds what sockets can hold.
    if (wss.clients.size >= limits.maxSubscriptionConnections) {
      log.warn(
        { open: wss.clients.size, limit: limits.maxSubscriptionConnections },
        'WebSocket connection refused: MAX_SUBSCRIPTION_CONNECTIONS reached',
      );
      return refuse(socket, '503 Service Unavailable');
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  const server = useServer<Record<string, unknown>>(
    {
      schema,
      isProd: production,
      onSubscribe: (ctx, id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const open = Object.keys(ctx.subscriptions).length; // this one included
        if (open > limits.maxSubscriptionsPerConnection) {
          return refusal(
            `This connection already has ${open - 1} subscriptions open; the limit is ${limits.maxSubscriptionsPerConnection} (MAX_SUBSCRIPTIONS_PER_CONNECTION). Complete one first, or open another connection.`,
            'TOO_MANY_SUBSCRIPTIONS',
            { limit: limits.maxSubscriptionsPerConnection },
          );
        }
        const query = payload.query;
        if (query.length > limits.maxQueryLength) {
          return refusal(
            `Query text is ${query.length} characters long; the limit is ${limits.maxQueryLength} (MAX_QUERY_LENGTH).`,
            'QUERY_TOO_LONG',
            {
              limit: limits.maxQueryLength,
              length: query.length,
            },
          );
        }
        if (query.includes('\u0000') || containsNul(payload.variables)) {
          return refusal('The operation contains a NUL character (U+0000), which no field accepts.', 'BAD_USER_INPUT');
        }
        let document;
        try {
          document = parse(query, { maxTokens: limits.maxTokens });
        } catch (err) {
          const { message, source, positions } = err as GraphQLError;
          return [new GraphQLError(message, { source, positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length) {
          // As Apollo's hideSchemaDetailsFromClientErrors: no "did you mean" hints in production.
          return invalid.map(
            (e) =>
              new GraphQLError(clientMessage(e.message, production), { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        }
        const operationName = payload.operationName ?? undefined;
        const operation = getOperationAST(document, operationName);
        if (operation?.operation !== 'subscription') {
          return refusal(
            'Only subscriptions are accepted over WebSocket; send queries and mutations to /graphql over HTTP.',
            'BAD_REQUEST',
          );
        }
        const variableValues = payload.variables ?? {};
        try {
          checkInputs(schema, document, variableValues, limits);
        } catch (err) {
          return [withoutHttpStatus(err as GraphQLError)];
        }
        const refused = options.checkOperation(document, operation, variableValues);
        if (refused.length) return refused.map(withoutHttpStatus);
        const requestId = randomUUID();
        const contextValue = options.context(requestId, log.child({ reqId: requestId, subscription: id.slice(0, 64) }));
        return { schema, document, operationName, variableValues, contextValue };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const context = args.contextValue as Context;
        return { ...result, errors: formatErrorsOutsideApollo(result.errors, context.log, context.requestId) };
      },
      onError: (_ctx, id, _payload, errors) => {
        const requestId = randomUUID();
        return formatErrorsOutsideApollo(errors, log.child({ reqId: requestId, subscription: id.slice(0, 64) }), requestId);
      },
    },
    wss,
  );

  return {
    close: async () => {
      closing = true;
      // Clients are asked to close; any that do not answer within a second are cut off.
      const cutOff = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1000);
      try {
        await server.dispose();
      } finally {
        clearTimeout(cutOff);
      }
    },
  };
}
