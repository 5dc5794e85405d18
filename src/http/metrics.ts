import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { statementCount } from '../db/connect';
import type { Context } from '../graphql/context';

/*
 * Prometheus metrics at /metrics: GraphQL requests, errors and latency per operation
 * name, HTTP responses per route and status, and the process's own metrics. One registry
 * per service instance, so tests can run several side by side.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations executed, by operation name.', labelNames: ['operation'], registers: [registry] });
  const errors = new Counter({ name: 'graphql_errors_total', help: 'Errors returned, by operation name and error code.', labelNames: ['operation', 'code'], registers: [registry] });
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
  const http = new Counter({ name: 'http_responses_total', help: 'HTTP responses, by method, route and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });

  // Operation names are client-chosen: keep the label set bounded.
  const label = (name: string | null | undefined) => (name && /^\w{1,64}$/.test(name) ? name : name ? 'other' : 'anonymous');

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          const operation = label(operationName ?? request.operationName);
          requests.inc({ operation });
          end({ operation });
          const body = response.body;
          for (const error of (body.kind === 'single' ? body.singleResult.errors : undefined) ?? []) {
            errors.inc({ operation, code: String(error.extensions?.code ?? 'UNKNOWN') });
          }
        },
      };
    },
  };

  function register(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      http.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
    });
    app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  }

  return { registry, plugin, register };
}
