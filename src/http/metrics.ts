import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { Kind, parse } from 'graphql';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { MetricsConfig } from '../config';
import { statementCount } from '../db/connect';
import type { Context } from '../app/context';

/*
 * Prometheus metrics at /metrics: GraphQL requests, errors and latency per operation
 * name, HTTP responses per route and status, and the process's own metrics. One registry
 * per service instance, so tests can run several side by side.
 *
 * Every label value is bounded: a series per client-chosen name would let anyone grow the
 * scrape without limit (3,000 names made it 5.4 MB and 0.5 s of blocked event loop). Only
 * operation names known at start get their own label: the page's operations and
 * METRICS_OPERATIONS. A scrape is rendered at most once a second, however many scrapers ask.
 */

/** Where the page's operations are: read at start for their names. */
export const PAGE_OPERATIONS_DIR = path.join('web', 'src', 'operations');
/** Distinct values any one label may take; later ones count as "other". */
const MAX_LABEL_VALUES = 100;
/** A scrape is rendered once and shared for this long. */
const RENDER_TTL_MS = 1000;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The names of the operations in the page's .graphql files (none when they are not shipped). */
export function pageOperationNames(dir = PAGE_OPERATIONS_DIR): string[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    parse(fs.readFileSync(path.join(dir, file), 'utf8')).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    ),
  );
}

/** Keeps a label to at most `max` distinct values: the first ones seen, then "other". */
function boundedLabel(max = MAX_LABEL_VALUES): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when no token is configured, or the request carries it as a bearer token. */
function authorized(config: MetricsConfig, header: string | undefined): boolean {
  if (config.token === null) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(config.token));
}

const UNAUTHORIZED = JSON.stringify({
  errors: [
    { message: '/metrics needs the metrics token: send "Authorization: Bearer <METRICS_TOKEN>".', extensions: { code: 'UNAUTHENTICATED' } },
  ],
});

export function createMetrics(config: MetricsConfig = { token: null, port: null, operations: [] }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations executed, by operation name.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors returned, by operation name and error code.',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving an operation to sending its response, by operation name.',
    labelNames: ['operation'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Counter({
    name: 'db_statements_total',
    help: 'SQL statements executed by this process.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(statementCount.value);
    },
  });
  const responses = new Counter({
    name: 'http_responses_total',
    help: 'HTTP responses, by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });

  const known = new Set([...pageOperationNames(), ...config.operations]);
  const operationLabel = (name: string | null | undefined) => (name ? (known.has(name) ? name : 'other') : 'anonymous');
  const codeLabel = boundedLabel();
  const routeLabel = boundedLabel();
  const statusLabel = boundedLabel();

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          const operation = operationLabel(operationName ?? request.operationName);
          requests.inc({ operation });
          end({ operation });
          const body = response.body;
          for (const error of (body.kind === 'single' ? body.singleResult.errors : undefined) ?? []) {
            const code = String(error.extensions?.code ?? 'UNKNOWN');
            errors.inc({ operation, code: codeLabel(/^[A-Z][A-Z_]{0,63}$/.test(code) ? code : 'other') });
          }
        },
      };
    },
  };

  // Scrapers asking at once, or more often than once a second, share one rendering.
  let rendered: { at: number; text: Promise<string> } | null = null;
  const render = (): Promise<string> => {
    if (!rendered || Date.now() - rendered.at >= RENDER_TTL_MS) {
      const text = registry.metrics();
      rendered = { at: Date.now(), text };
      text.catch(() => (rendered = null));
    }
    return rendered.text;
  };

  /** /metrics on a port of its own (METRICS_PORT), opened and closed with the main server. */
  function ownServer(app: FastifyInstance, host: string, log: Logger): void {
    const server = http.createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: this port serves GET /metrics only.\n');
        return;
      }
      if (!authorized(config, req.headers.authorization)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' }).end(UNAUTHORIZED);
        return;
      }
      render().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: unknown) => {
          log.error({ err }, 'could not render metrics');
          res.writeHead(500).end();
        },
      );
    });
    server.requestTimeout = 10_000;
    server.headersTimeout = 10_000;
    // onReady is awaited by listen(), so a port already taken stops the start-up.
    app.addHook('onReady', async () => {
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port!, host, () => resolve()));
      const { port } = server.address() as { port: number };
      log.info({ port }, `metrics at http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`);
    });
    app.addHook('onClose', async () => {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
  }

  function register(app: FastifyInstance, host = '127.0.0.1'): void {
    app.addHook('onResponse', async (request, reply) => {
      responses.inc({
        method: METHODS.has(request.method) ? request.method : 'OTHER',
        route: routeLabel(request.routeOptions.url ?? 'unmatched'),
        status: statusLabel(String(reply.statusCode)),
      });
    });
    if (config.port !== null) return ownServer(app, host, app.log as unknown as Logger);
    app.get('/metrics', async (request, reply) => {
      if (!authorized(config, request.headers.authorization)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('application/json').send(UNAUTHORIZED);
      }
      return reply.type(registry.contentType).send(await render());
    });
  }

  return { registry, plugin, register };
}
