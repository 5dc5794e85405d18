import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance } from 'fastify';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Limits } from '../config';
import { isUnavailable } from '../db/availability';
import type { Context, RequestLog } from '../app/context';

const MASKED = 'Internal server error; quote the request id (in extensions.requestId and the x-request-id header) when reporting it.';

/** An error we did not raise on purpose: a bug, or a failing driver. */
const unexpected = (error: unknown) => {
  const original = unwrapResolverError(error);
  return original instanceof GraphQLError ? null : original;
};

/**
 * Errors we did not raise on purpose are masked: a lost database becomes
 * SERVICE_UNAVAILABLE, anything else INTERNAL_SERVER_ERROR. (They are logged, whole, with
 * the request id, by `errorResponses`.)
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const original = unexpected(error);
  if (!original) {
    // Apollo's own refusals of a malformed request (a persisted-query extension of another
    // version, or a hash that does not match the query) carry a 4xx status and no code.
    const status = error instanceof GraphQLError ? (error.extensions?.http as { status?: number } | undefined)?.status : undefined;
    return status !== undefined && status < 500
      ? { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } }
      : formatted;
  }
  const base = { locations: formatted.locations, path: formatted.path };
  if (isUnavailable(original))
    return { ...base, message: 'The database is unavailable right now; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } };
  return { ...base, message: MASKED, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * After formatting: a database outage is a 503 (with Retry-After), not a 200 with errors;
 * masked errors carry the request id so a report can be matched to the log.
 */
export const errorResponses: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const original = unexpected(error.originalError ?? error);
          if (!original) continue;
          if (isUnavailable(original)) contextValue.log.warn({ err: original, path: error.path }, 'database unavailable');
          else contextValue.log.error({ err: original, path: error.path }, 'unexpected error while resolving');
        }
      },
      async willSendResponse({ response, contextValue }) {
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        if (!errors) return;
        if (errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '5');
        }
        for (const e of errors) {
          if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' && contextValue?.requestId) {
            (e.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        }
      },
    };
  },
};

/**
 * Errors of an operation run outside Apollo (subscriptions over WebSocket), shaped as
 * Apollo shapes them: unexpected ones logged whole and masked, with the request id; no
 * HTTP status (there is no HTTP response to give it to).
 */
export function formatErrorsOutsideApollo(errors: readonly GraphQLError[], log: RequestLog, requestId: string): GraphQLFormattedError[] {
  return errors.map((error) => {
    const original = unexpected(error);
    if (original && isUnavailable(original)) log.warn({ err: original, path: error.path }, 'database unavailable');
    else if (original) log.error({ err: original, path: error.path }, 'unexpected error while resolving');
    const json = error.toJSON();
    const { http: _status, ...extensions }: Record<string, unknown> = { code: 'INTERNAL_SERVER_ERROR', ...json.extensions };
    const formatted = formatError({ ...json, extensions }, error);
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    return { ...formatted, extensions: { ...formatted.extensions, requestId } };
  });
}

/**
 * Reads and discards what is left of a request body, up to `maxBytes` and `maxMs`; true when
 * it was all read. A client still sending its body when the server answers and closes sees a
 * broken pipe, not the answer (Node's fetch does): an oversized body is drained first, within
 * bounds, so that its 413 can be read. Beyond the bounds the connection is closed anyway.
 */
function drain(body: Readable, maxBytes: number, maxMs: number): Promise<boolean> {
  if (body.readableEnded) return Promise.resolve(true);
  if (body.destroyed) return Promise.resolve(false); // its 'close' has fired already: nothing left to wait for
  return new Promise((resolve) => {
    let read = 0;
    const finish = (complete: boolean) => {
      clearTimeout(timer);
      body.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      if (!complete) body.pause();
      resolve(complete);
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const timer = setTimeout(() => finish(false), maxMs);
    body.on('data', onData).once('end', onEnd).once('error', onError).once('close', onError);
    body.resume();
  });
}

/**
 * Errors Fastify raises before GraphQL runs (body too large, bad JSON, unsupported content
 * type, timeouts) answer in the GraphQL error shape, with their HTTP status and a code.
 */
export function httpErrors(app: FastifyInstance, limits: Pick<Limits, 'bodyDrainBytes' | 'requestTimeoutMs'>): void {
  app.setErrorHandler(async (error: FastifyError & { errors?: unknown }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && (await drain(request.raw, limits.bodyDrainBytes, limits.requestTimeoutMs))) {
      reply.removeHeader('connection'); // all of it read: the connection can serve the next request
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (Array.isArray(error.errors)) return reply.code(status).send({ errors: error.errors }); // already shaped (rate limit)
    if (isUnavailable(error)) {
      // Outside GraphQL too (exports), a lost or locked database is a retryable 503.
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({
          errors: [{ message: 'The database is unavailable right now; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
        });
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'unexpected HTTP error');
      return reply.code(500).send({ errors: [{ message: MASKED, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: request.id } }] });
    }
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'PAYLOAD_TOO_LARGE'
        : error.code?.startsWith('FST_ERR_CTP_INVALID_MEDIA_TYPE')
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : 'BAD_REQUEST';
    return reply.code(status).send({ errors: [{ message: error.message, extensions: { code, http: { status } } }] });
  });
}
