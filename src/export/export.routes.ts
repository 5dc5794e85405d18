import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { isUnavailable } from '../db/availability';
import type { Store } from '../db/connect';
import { createContext } from '../app/context';
import type { TimelineFilter } from '../timeline/timeline.inputs';
import { toCsv } from './export.csv';
import { parseExportFilter, type Query } from './export.params';
import { exportTimeline, type ExportEvent } from './export.service';
import { toTimelineJs } from './export.timelinejs';

/*
 * GET /export/timeline.json (TimelineJS3) and /export/timeline.csv: the timeline with the
 * same filters as the GraphQL `timeline` query, every matching event in one response.
 */

async function collect(
  store: Store,
  request: FastifyRequest,
  maxListItems: number,
): Promise<{ filter: TimelineFilter; events: ExportEvent[] }> {
  const filter = parseExportFilter(request.query as Query, maxListItems);
  const events = await exportTimeline(createContext(store, request.id, request.log), filter);
  return { filter, events };
}

function describe(filter: TimelineFilter, count: number): string {
  const applied = Object.entries(filter)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${[v].flat().join(',')}`);
  return `${count} events${applied.length ? ` (${applied.join('; ')})` : ''}, from the Policy Timeline API.`;
}

/** A user's mistake is a 400 naming the parameter; an unreachable database a 503; anything else a masked 500. */
function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof GraphQLError && err.extensions.code === 'BAD_USER_INPUT') {
    // Messages come from the shared validators, which speak of the GraphQL argument `filter.x`.
    const parameter = String(err.extensions.argumentName ?? '').replace(/^filter\./, '');
    const message = err.message.replace(/^Argument "(?:filter\.)?/, 'Parameter "');
    return reply.code(400).send({ statusCode: 400, error: 'Bad Request', code: 'BAD_USER_INPUT', parameter, message });
  }
  // Refusals raised before the handler (the rate limit's 429, with its Retry-After and
  // RateLimit headers already on the reply) keep their status and code.
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const shaped = (err as { errors?: Array<{ message?: string; extensions?: { code?: string } }> }).errors?.[0];
    const code = shaped?.extensions?.code ?? (status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST');
    const message = shaped?.message ?? (err as Error).message;
    return reply.code(status).send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', code, message });
  }
  if (isUnavailable(err)) {
    request.log.warn({ err }, 'database unavailable');
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable right now; retry shortly.' });
  }
  request.log.error({ err }, 'export failed');
  return reply.code(500).send({
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'Export failed; the x-request-id header identifies it in the logs.',
  });
}

export async function exportRoutes(app: FastifyInstance, { store, maxListItems }: { store: Store; maxListItems: number }): Promise<void> {
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));

  app.get('/export/timeline.json', async (request, reply) => {
    const { filter, events } = await collect(store, request, maxListItems);
    return reply.type('application/json; charset=utf-8').send(toTimelineJs(events, describe(filter, events.length)));
  });

  app.get('/export/timeline.csv', async (request, reply) => {
    const { events } = await collect(store, request, maxListItems);
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header('content-disposition', 'attachment; filename="timeline.csv"')
      .send(toCsv(events));
  });
}
