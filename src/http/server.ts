import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { isUnavailable } from '../db/availability';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Store } from '../db/connect';
import { exportRoutes } from '../export/export.routes';
import { createContext, type Context } from '../graphql/context';
import { getSchema } from '../graphql/schema';
import { webPage } from './web-page';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface Service {
  app: FastifyInstance;
  apollo: ApolloServer<Context>;
  /** Graceful stop: no new requests, in-flight ones finish, then the server closes. */
  close(): Promise<void>;
}

/**
 * Errors we did not raise on purpose (a bug, a driver failure) are masked: the client
 * gets INTERNAL_SERVER_ERROR and the request id, the log gets the whole error.
 */
function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    if (isUnavailable(original)) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable right now; retry shortly.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const requestId = (error as { requestId?: string }).requestId;
    log.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error; the request id in the x-request-id header identifies it in the logs.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    };
  };
}

/** A response that failed because the database is unreachable is a 503, not a 200 with errors. */
const serviceUnavailableStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '5');
        }
      },
    };
  },
};

export async function createService(config: Config, store: Store, log: Logger): Promise<Service> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // A caller's own request id is kept (so traces join up), otherwise one is made.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<Context>({
    schema: await getSchema(),
    logger: log,
    formatError: formatError(log),
    includeStacktraceInErrorResponses: !production,
    // main.ts owns signal handling and shutdown order (server, then store).
    stopOnTerminationSignals: false,
    plugins: [
      fastifyApolloDrainPlugin(app),
      serviceUnavailableStatus,
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: async (request) => createContext(store, request.id, request.log),
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await store.ping();
      return { status: 'ready', store: store.adapter.name };
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed: store does not answer');
      return reply.code(503).send({ status: 'unavailable', store: store.adapter.name, reason: 'the database does not answer' });
    }
  });
  await app.register(exportRoutes, { store });
  await app.register(webPage);
  // Stopping Apollo drains the server: fastify stops accepting, in-flight requests finish
  // (connections still open after 10 s are cut), then Apollo shuts down.
  return { app, apollo, close: () => apollo.stop() };
}
