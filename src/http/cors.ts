import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';

/*
 * Which pages on other origins a browser lets read this service's answers. CORS_ORIGINS
 * decides, with two exceptions the embed needs wherever it is framed:
 * - /assets/*: static, public, content-hashed files, so any origin (`*`). The page loads its
 *   script as a module, which browsers fetch in CORS mode.
 * - /graphql from `Origin: null`: a sandboxed iframe (WordPress frames every oEmbed provider
 *   it discovers with sandbox="allow-scripts") has an opaque origin, so the embed's own
 *   reads come from "null". API keys are bearer tokens, never cookies, so such a page can
 *   read only what anyone can; it is not offered the Authorization header either (unless
 *   CORS_ORIGINS lists "null" or is "*"). Any page can make itself "null", so for anonymous
 *   reads of /graphql this is CORS_ORIGINS=*: docs/hardening.md says so.
 */

const COMMON: FastifyCorsOptions = {
  methods: ['GET', 'POST', 'OPTIONS'],
  // What stock clients send: Apollo Client's client awareness (apollographql-*), W3C trace
  // context from OpenTelemetry's fetch instrumentation (traceparent, tracestate, baggage).
  allowedHeaders: [
    'content-type',
    'authorization',
    'apollo-require-preflight',
    'x-apollo-operation-name',
    'x-request-id',
    'apollographql-client-name',
    'apollographql-client-version',
    'apollographql-library-name',
    'apollographql-library-version',
    'traceparent',
    'tracestate',
    'baggage',
  ],
  // etag: so that a page can revalidate a cached GET itself (cache-control is readable anyway).
  exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'etag'],
  maxAge: 600,
};

/** The options for @fastify/cors: per request, since the rule depends on the path. */
/** For an opaque origin the embed's reads need no key: a page there is not offered `authorization`. */
const ANONYMOUS: FastifyCorsOptions = {
  ...COMMON,
  allowedHeaders: (COMMON.allowedHeaders as string[]).filter((h) => h !== 'authorization'),
};

export function corsOptions(config: Pick<Config, 'corsOrigins'>): FastifyCorsOptions {
  const configured = config.corsOrigins === '*' ? true : config.corsOrigins;
  const nullListed = config.corsOrigins === '*' || config.corsOrigins.includes('null');
  const withSandboxed = config.corsOrigins === '*' ? true : [...config.corsOrigins, 'null'];
  const optionsFor = (request: FastifyRequest): FastifyCorsOptions => {
    const path = request.url.split('?', 1)[0]!;
    if (path.startsWith('/assets/')) return { ...COMMON, origin: '*' };
    if (path !== '/graphql') return { ...COMMON, origin: configured };
    return request.headers.origin === 'null' && !nullListed
      ? { ...ANONYMOUS, origin: withSandboxed }
      : { ...COMMON, origin: withSandboxed };
  };
  return { delegator: (request, callback) => callback(null, optionsFor(request)) };
}
