import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import cors from '@fastify/cors';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Store } from '../db/connect';
import { embedRoutes } from '../embed/embed.routes';
import { exportRoutes } from '../export/export.routes';
import { createContext, type Context } from '../app/context';
import { getSchema } from '../app/schema';
import { redisEvents } from '../live/redis-events';
import { inProcessEvents, type TimelineEvents } from '../live/timeline-events';
import { connectSharedRedis } from '../redis/shared-redis';
import { errorResponses, formatError, httpErrors } from './errors';
import { corsOptions } from './cors';
import { frameGuard } from './framing';
import { costCheck, operationLimits, jsonBodies, operationRules, rawRequestChecks } from './limits';
import { closeServerOnDrain, manageConnections, timeoutOptions } from './connections';
import { createMetrics } from './metrics';
import { registerRateLimit } from './rate-limit';
import { registerResponseCache } from './response-cache';
import { attachSubscriptions, noSubscriptionsOverHttp } from './subscriptions';
import { webPage } from './web-page';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface Service {
  app: FastifyInstance;
  apollo: ApolloServer<Context>;
  /** Where committed changes are announced: to this process's subscribers, or through Redis to every replica's. */
  events: TimelineEvents;
  /** Graceful stop: no new requests, in-flight ones finish, then the server closes. */
  close(): Promise<void>;
}

export async function createService(config: Config, store: Store, log: Logger): Promise<Service> {
  const { limits } = config;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: limits.bodyLimitBytes,
    ...timeoutOptions(limits),
    forceCloseConnections: 'idle',
    // Behind a load balancer, the client is the forwarded address, not the balancer's.
    trustProxy: config.trustProxy as boolean | string, // Fastify also takes a hop count at run time; its types omit it
    // A caller's own request id is kept (so traces join up), otherwise one is made.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const connections = manageConnections(app.server, limits);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  httpErrors(app, limits);
  frameGuard(app);

  await app.register(cors, corsOptions(config));
  // One command connection per process, shared by the rate limit, the response cache and publishing.
  const redis = config.redisUrl ? await connectSharedRedis(config.redisUrl, config.redis, log) : null;
  const closeRateLimit = await registerRateLimit(app, limits, redis, log);
  const metrics = createMetrics(config.metrics);
  metrics.register(app, config.host);
  jsonBodies(app);
  rawRequestChecks(app, limits);
  const closeCache = registerResponseCache(app, store, config.responseCache, redis);

  const events = redis ? await redisEvents(redis, config.redisEventsChannel, log) : inProcessEvents();
  const schema = await getSchema();
  const rules = operationRules(limits);
  const checkOperation = costCheck(schema, limits.maxCost, config.nodeEnv === 'production');
  const apollo = new ApolloServer<Context>({
    schema,
    logger: log,
    formatError,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production', // no "did you mean" hints
    includeStacktraceInErrorResponses: config.nodeEnv !== 'production',
    allowBatchedHttpRequests: false,
    // API keys are bearer tokens, never cookies: a cross-site request carries no credentials, so
    // a GET query (urql's default) is harmless. Mutations stay off GET (405), and a POST must be
    // application/json (rawRequestChecks), which a cross-site form cannot send.
    csrfPrevention: false,
    // main.ts owns signal handling and shutdown order (server, then store).
    stopOnTerminationSignals: false,
    validationRules: rules.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ...rules.plugins,
      closeServerOnDrain(app),
      // Our response cache keys on the data version, not on per-field hints: skip the per-field bookkeeping.
      ApolloServerPluginCacheControlDisabled(),
      operationLimits(schema, limits, checkOperation),
      noSubscriptionsOverHttp,
      errorResponses,
      metrics.plugin,
      config.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST'],
    context: async (request) => createContext(store, request.id, request.log, { authorization: request.headers.authorization, events }),
  });

  const subscriptions = attachSubscriptions(app, {
    schema,
    config,
    validationRules: rules.validationRules,
    checkOperation,
    context: (requestId, requestLog) => createContext(store, requestId, requestLog, { events }),
    log,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  // A degraded Redis keeps the replica ready (200): without Redis the API still answers
  // (no shared cache or limits, no cross-replica live updates), and a load balancer must
  // not pull every replica at once because the one Redis they share is down.
  const redisHealth = async () =>
    redis ? ((await redis.health()) === 'ok' && events.health?.() !== 'degraded' ? 'ok' : 'degraded') : undefined;
  app.get('/readyz', async (request, reply) => {
    try {
      await store.ping();
      return { status: 'ready', store: store.adapter.name, redis: await redisHealth() };
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed: store does not answer');
      return reply.code(503).send({ status: 'unavailable', store: store.adapter.name, reason: 'the database does not answer' });
    }
  });
  await app.register(exportRoutes, { store, maxListItems: limits.maxListItems });
  await app.register(embedRoutes, { publicUrl: config.publicUrl, maxListItems: limits.maxListItems });
  await app.register(webPage, { publicUrl: config.publicUrl });

  // Idle and half-sent connections close at once, busy ones get SHUTDOWN_TIMEOUT_MS to finish.
  // Subscriptions end first: the HTTP server cannot close while WebSockets hold connections
  // open. Stopping Apollo then drains the server: fastify stops accepting, in-flight requests
  // finish, then Apollo shuts down.
  return {
    app,
    apollo,
    events,
    close: async () => {
      connections.drain(limits.shutdownTimeoutMs);
      try {
        await subscriptions.close();
        await apollo.stop();
      } finally {
        connections.closeAll();
      }
      await closeRateLimit();
      await closeCache();
      await events.close();
      await redis?.close();
    },
  };
}
