import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { Client as UrqlClient, cacheExchange, fetchExchange } from '@urql/core';
import { build } from 'esbuild';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import { createClient as createWsClient } from 'graphql-ws';
import type { Browser, Page } from 'playwright-core';
import pino from 'pino';
import WebSocket from 'ws';
import { launchChromium } from '../support/chromium';
import { startLive, type Live } from '../support/live';

/*
 * The API driven by the client libraries front-end developers use, unmodified and with
 * their defaults, against the real HTTP server in production mode (introspection published,
 * as for a public API with Sandbox and codegen users): Apollo Client 4 in Chromium on a page
 * of another origin, urql and graphql-request in Node, graphql-js's own introspection query,
 * graphql-codegen from the URL, and graphql-ws.
 */

const ROOT = path.join(__dirname, '..', '..');
const ORGANIZATION = 'query Organization($slug: String!) { organization(slug: $slug) { slug name } }';
const BY_ACCESS = 'query ByAccess($levels: [AccessLevel!]) { timeline(filter: { accessLevels: $levels }) { nodes { __typename } } }';

/** What the server logged of each request it answered: method, URL and status. */
interface Answered {
  method: string;
  url: string;
  status: number;
}
const answered: Answered[] = [];
function requestLog() {
  const pending = new Map<string, { method: string; url: string }>();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line);
        if (entry.req?.method) pending.set(entry.reqId, { method: entry.req.method, url: entry.req.url });
        if (entry.res?.statusCode && pending.has(entry.reqId))
          answered.push({ ...pending.get(entry.reqId)!, status: entry.res.statusCode });
      }
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}

/** A second origin: a page with an esbuild bundle of Apollo Client, as a front end would ship it. */
async function pageServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const bundle = await build({
    entryPoints: [path.join(__dirname, '..', 'clients', 'apollo-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  const server = http.createServer((req, res) => {
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>front end</title><script src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let live: Live;
let url: string;
let page: { origin: string; close: () => Promise<void> };
let browser: Browser;
beforeAll(async () => {
  page = await pageServer();
  live = await startLive({ NODE_ENV: 'production', INTROSPECTION: 'true', CORS_ORIGINS: page.origin, RATE_LIMIT_MAX: '0' }, requestLog());
  url = `${live.base}/graphql`;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await live?.close();
  await page?.close();
});

describe('Apollo Client 4 in Chromium, on a page of another origin', () => {
  let tab: Page;
  beforeEach(async () => {
    tab = await browser.newPage();
    await tab.goto(page.origin);
  });
  afterEach(() => tab.close());

  it('queries with a client name and version set (apollographql-client-* headers pass CORS)', async () => {
    const data = await tab.evaluate((uri) => (globalThis as any).namedQuery(uri), url);
    expect(data).toEqual({ organization: { __typename: 'Organization', slug: 'meta', name: 'Meta Platforms, Inc.' } });
  });

  it('uses persisted queries over GET: cacheable, with an ETag, revalidated with a 304', async () => {
    answered.length = 0;
    const { answers, seen } = await tab.evaluate((uri) => (globalThis as any).persistedQueries(uri, 3), url);
    for (const answer of answers)
      expect(answer).toEqual({ organization: { __typename: 'Organization', slug: 'meta', name: 'Meta Platforms, Inc.' } });
    // The protocol: an unknown hash over GET, the query sent once with POST, then hashed GETs only.
    expect(seen.map((s: { method: string }) => s.method)).toEqual(['GET', 'POST', 'GET', 'GET']);
    const hashed = seen.slice(2);
    for (const response of hashed) {
      expect(response.status).toBe(200); // what the page sees: the browser's cache turns the 304 into its stored 200
      expect(response.etag).toMatch(/^"[\w-]+"$/);
      expect(response.cacheControl).toMatch(/^public, max-age=\d+$/);
    }
    expect(hashed[1].etag).toBe(hashed[0].etag);
    // What the server sent: the browser revalidated its copy and got a 304 (no body).
    const gets = answered.filter((a) => a.method === 'GET' && a.url.includes('sha256Hash')).map((a) => a.status);
    expect(gets).toEqual([200, 200, 304]);
  });
});

describe('urql with its defaults, in Node', () => {
  // Default exchanges; preferGetMethod's default ('within-url-limit') sends queries as GET with no custom header.
  const urql = () => new UrqlClient({ url, exchanges: [cacheExchange, fetchExchange] });

  it('queries over GET, which is not refused as a possible CSRF', async () => {
    answered.length = 0;
    const result = await urql().query(ORGANIZATION, { slug: 'meta' }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.organization).toEqual({ __typename: 'Organization', slug: 'meta', name: 'Meta Platforms, Inc.' });
    expect(answered.filter((a) => a.url.startsWith('/graphql')).map((a) => [a.method, a.status])).toEqual([['GET', 200]]);
  });

  it('gets 400 BAD_USER_INPUT for a variable of the wrong type, with no schema hints', async () => {
    const result = await urql()
      .query(BY_ACCESS, { levels: ['OPEN_WEIGHT'] })
      .toPromise();
    expect((result.error?.response as Response | undefined)?.status).toBe(400);
    expect(result.error?.graphQLErrors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.error?.graphQLErrors[0].message).not.toMatch(/Did you mean/);
  });
});

describe('graphql-request (its CommonJS build), in Node', () => {
  it('gets 400 BAD_USER_INPUT for a missing required variable', async () => {
    const error = await new GraphQLClient(url).request(ORGANIZATION, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    const { response } = error as ClientError;
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toBe('Variable "$slug" of required type "String!" was not provided.');
  });

  it("answers graphql-js's standard introspection query, in the variants tools send", async () => {
    const client = new GraphQLClient(url);
    const committed = fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8');
    const variants = [
      {},
      { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true },
      { descriptions: false },
    ];
    for (const options of variants) {
      const data = await client.request<IntrospectionQuery>(getIntrospectionQuery(options));
      const schema = buildClientSchema(data);
      expect(schema.getQueryType()?.getFields().timeline).toBeDefined();
      // With every option on, the answer rebuilds the committed schema exactly (@specifiedBy included).
      if (options.specifiedByUrl) expect(printSchema(lexicographicSortSchema(schema)) + '\n').toBe(committed);
    }
  });

  it('still refuses hostile introspection: nested cycles, over-deep selections, aliased copies', async () => {
    const hostile = [
      '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }',
      `{ __schema { types { ${'ofType { '.repeat(25)}name${' }'.repeat(25)} } } }`,
      `{ ${Array.from({ length: 3 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`,
    ];
    for (const query of hostile) {
      const error = (await new GraphQLClient(url).request(query).catch((e: unknown) => e)) as ClientError;
      expect(error.response.status).toBe(400);
      expect(error.response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

describe('graphql-codegen, from the live URL', () => {
  // Its programmatic generate(), in a Node process of its own: the CLI's yargs is ESM only,
  // which Node 20 requires but jest's module loader cannot.
  const GENERATE = `require('@graphql-codegen/cli')
    .generate({ schema: process.argv[1], silent: true, generates: { 'types.ts': { plugins: ['typescript'], config: { enumsAsTypes: true } } } }, false)
    .then(([output]) => process.stdout.write(output.content), (err) => { console.error(err); process.exit(1); });`;
  it('generates the same types from the URL as from the committed schema file', async () => {
    const typesFrom = async (schema: string) =>
      (await promisify(execFile)(process.execPath, ['-e', GENERATE, schema], { cwd: ROOT, maxBuffer: 20e6 })).stdout;
    // Codegen's URL loader does not ask for scalars' descriptions: doc comments aside, the types are the same.
    const withoutDocs = (types: string) => types.replace(/^\s*\/\*\*.*\*\/\n/gm, '');
    const fromUrl = await typesFrom(url);
    expect(fromUrl).toContain('export type Query = {');
    expect(withoutDocs(fromUrl)).toBe(withoutDocs(await typesFrom('schema/schema.graphql')));
  });
});

describe('graphql-ws, over WebSocket', () => {
  const SUBSCRIPTION =
    'subscription Added($levels: [AccessLevel!]!) { timelineEventAdded(filter: { accessLevels: $levels }) { __typename } }';

  it('answers a bad variable with an error message coded BAD_USER_INPUT, and keeps the socket open', async () => {
    const client = createWsClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const subscribe = (variables: Record<string, unknown>) =>
        new Promise<unknown>((resolve) =>
          client.subscribe({ query: SUBSCRIPTION, variables }, { next: resolve, error: resolve, complete: () => resolve('complete') }),
        );
      for (const variables of [{}, { levels: ['NOPE'] }, { levels: [42] }]) {
        const errors = (await subscribe(variables)) as Array<{ message: string; extensions: Record<string, unknown> }>;
        expect(Array.isArray(errors)).toBe(true);
        expect(errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
      }
    } finally {
      await client.dispose();
    }
  });

  it('answers variables nested 50,000 deep with BAD_USER_INPUT, not a 4500 close', async () => {
    // graphql-ws's client cannot serialize such variables itself: the frames are written by hand.
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: any[] = [];
    let closed: number | undefined;
    ws.on('close', (code) => (closed = code));
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('message', (raw) => {
        const message = JSON.parse(String(raw));
        messages.push(message);
        if (message.type === 'connection_ack') {
          const depth = 50_000;
          const variables = `{"levels":${'['.repeat(depth)}"OPEN_WEIGHTS"${']'.repeat(depth)}}`;
          ws.send(`{"id":"1","type":"subscribe","payload":{"query":${JSON.stringify(SUBSCRIPTION)},"variables":${variables}}}`);
        } else resolve();
      });
      ws.on('close', () => resolve());
    });
    ws.close();
    expect(closed).toBeUndefined();
    expect(messages[1]).toMatchObject({ id: '1', type: 'error', payload: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
