import { postJson, send, startLive, type Live, type Reply } from '../support/live';

/*
 * Hostile requests against the real HTTP server: each gets its documented status and
 * error code within a bounded time, never a 5xx, and the service answers normally after.
 * The table is docs/hardening.md's.
 */

let live: Live;
beforeAll(async () => {
  // Production mode: what a public endpoint runs (no stack traces, no schema hints).
  live = await startLive({ NODE_ENV: 'production', RATE_LIMIT_MAX: '0' });
});
afterAll(() => live.close());

const json = { 'content-type': 'application/json' };
const GET = (query: string) =>
  send(live.base, { method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}`, headers: { 'apollo-require-preflight': 'true' } });

const fragmentChain = (depth: number) =>
  Array.from(
    { length: depth },
    (_, i) =>
      `fragment F${i} on Organization { releases(first: 1) { nodes { organization { ${i + 1 < depth ? `...F${i + 1}` : 'slug'} } } } }`,
  ).join('\n');

/** F0 spreads F1 twice, F1 spreads F2 twice...: 2^29 fields once spread, in a few hundred characters. */
const fragmentExplosion = () =>
  `{ ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ${i < 29 ? `...F${i + 1} ...F${i + 1}` : '__typename'} }`).join(' ')}`;
const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
const BY_ACCESS = 'query ($a: [AccessLevel!]) { timeline(filter: { accessLevels: $a }) { nodes { __typename } } }';

const CASES: Array<[string, () => Promise<Reply>, number, string | undefined]> = [
  [
    '120 aliases of one field',
    () =>
      postJson(live.base, {
        query: `{ ${Array.from({ length: 120 }, (_, i) => `a${i}: organization(slug: "meta") { slug }`).join(' ')} }`,
      }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'one field repeated 5,000 times',
    () => postJson(live.base, { query: `{ organization(slug: "meta") { ${'id '.repeat(5000)} } }` }),
    400,
    'GRAPHQL_PARSE_FAILED',
  ],
  [
    '60 directives on one field',
    () => postJson(live.base, { query: `{ organization(slug: "meta") { slug ${'@include(if: true) '.repeat(60)} } }` }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    '20-deep nesting through fragments',
    () => postJson(live.base, { query: `{ organization(slug: "meta") { ...F0 } }\n${fragmentChain(20)}` }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'circular fragments',
    () =>
      postJson(live.base, {
        query: '{ organization(slug: "meta") { ...A } } fragment A on Organization { ...B } fragment B on Organization { ...A }',
      }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a nested introspection cycle',
    () =>
      postJson(live.base, {
        query:
          '{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } }',
      }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['a JSON array batch', () => postJson(live.base, [{ query: '{ __typename }' }, { query: '{ __typename }' }]), 400, 'BATCHING_DISABLED'],
  ['first of 10^9', () => postJson(live.base, { query: '{ releases(first: 1000000000) { nodes { slug } } }' }), 400, 'QUERY_TOO_COSTLY'],
  ['first of -1', () => postJson(live.base, { query: '{ releases(first: -1) { nodes { slug } } }' }), 200, 'BAD_USER_INPUT'],
  [
    'a 100,000-character query',
    () => postJson(live.base, { query: `{ ${'organizations { totalCount } '.repeat(3500)} }` }),
    400,
    'QUERY_TOO_LONG',
  ],
  [
    'a 10 MB variables object',
    () => postJson(live.base, { query: 'query ($x: String) { __typename }', variables: { x: 'x'.repeat(10 * 1024 * 1024) } }),
    413,
    'PAYLOAD_TOO_LARGE',
  ],
  ['malformed JSON', () => send(live.base, { headers: json, body: '{"query": "{ __typename }"' }), 400, 'BAD_REQUEST'],
  ['an empty body', () => send(live.base, { headers: json, body: '' }), 400, 'BAD_REQUEST'],
  ['query of the wrong JSON type', () => postJson(live.base, { query: 42 }), 400, 'BAD_REQUEST'],
  ['a text/plain body', () => send(live.base, { headers: { 'content-type': 'text/plain' }, body: '{ __typename }' }), 400, 'BAD_REQUEST'],
  [
    'a form body',
    () => send(live.base, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  ['a mutation over GET', () => GET('mutation { __typename }'), 405, 'BAD_REQUEST'],
  [
    'an unknown persisted-query hash',
    () => postJson(live.base, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    200,
    'PERSISTED_QUERY_NOT_FOUND',
  ],
  [
    'a NUL byte in an argument',
    () => postJson(live.base, { query: 'query ($s: String!) { organization(slug: $s) { slug } }', variables: { s: 'meta\u0000' } }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'a missing required variable',
    () => postJson(live.base, { query: 'query ($s: String!) { organization(slug: $s) { slug } }' }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'a variable of the wrong type',
    () => postJson(live.base, { query: 'query ($n: Int) { releases(first: $n) { nodes { slug } } }', variables: { n: 'ten' } }),
    400,
    'BAD_USER_INPUT',
  ],
  // The hint is stripped in production; a value full of hints once cost seconds of regex backtracking.
  [
    'a wrongly typed variable full of "Did you mean"',
    () =>
      postJson(live.base, {
        query: 'query ($n: Int) { releases(first: $n) { nodes { slug } } }',
        variables: { n: 'Did you mean '.repeat(15_000) },
      }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an unknown enum value in a variable',
    () => postJson(live.base, { query: BY_ACCESS, variables: { a: ['NOPE'] } }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'variables nested 50,000 deep',
    () =>
      send(live.base, {
        headers: json,
        body: `{"query":"query ($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${nested(50_000)}}}`,
      }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an operationName that names no operation',
    () => postJson(live.base, { query: '{ __typename }', operationName: 'Nope' }),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  ['a fragment-spread explosion', () => postJson(live.base, { query: fragmentExplosion() }), 400, 'QUERY_TOO_COSTLY'],
  [
    'a persisted query of another version',
    () => postJson(live.base, { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'f'.repeat(64) } } }),
    400,
    'BAD_REQUEST',
  ],
  [
    'a persisted-query hash that does not match the query',
    () => postJson(live.base, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    400,
    'BAD_REQUEST',
  ],
  [
    'a GET query with no custom header',
    () => send(live.base, { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}` }),
    200,
    undefined,
  ],
];

describe('hostile requests', () => {
  it('cuts the value a wrongly typed variable echoes: a 200 KB string gives a short message', async () => {
    const reply = await postJson(live.base, {
      query: 'query ($n: Int) { releases(first: $n) { nodes { slug } } }',
      variables: { n: 'x'.repeat(200_000) },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(reply.body.errors[0].message.length).toBeLessThan(1000);
    expect(JSON.stringify(reply.body).length).toBeLessThan(2000);
  });

  it.each(CASES)('%s: %#', async (_name, request, status, code) => {
    const reply = await request();
    expect(reply.ms).toBeLessThan(5000);
    expect({ status: reply.status, code: reply.body?.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(JSON.stringify(reply.body)).not.toMatch(/\s+at .+\.js:\d+/); // no stack trace
    // ... and the service still answers normally.
    const after = await postJson(live.base, { query: '{ organization(slug: "meta") { slug } }' });
    expect(after.body).toEqual({ data: { organization: { slug: 'meta' } } });
  });

  it('names the limit and its value in each rejection', async () => {
    const aliases = await CASES[0][1]();
    expect(aliases.body.errors[0].message).toMatch(/30/);
    const tokens = await CASES[1][1]();
    expect(tokens.body.errors[0].message).toMatch(/2000/);
    const cost = await CASES[7][1]();
    expect(cost.body.errors[0].message).toContain('limit of 20000 (MAX_COST)');
    expect(cost.body.errors[0].extensions).toMatchObject({ limit: 20000 });
    const length = await CASES[9][1]();
    expect(length.body.errors[0].extensions).toMatchObject({ limit: 20000 });
  });

  it('gives no schema hints in a variable error in production', async () => {
    const typo = await postJson(live.base, { query: BY_ACCESS, variables: { a: ['OPEN_WEIGHT'] } });
    expect(typo.status).toBe(400);
    expect(typo.body.errors[0].message).toContain('"OPEN_WEIGHT" does not exist in "AccessLevel" enum.');
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean|OPEN_WEIGHTS/);
  });

  it('treats SQL metacharacters and invalid UTF-8 in arguments as plain data', async () => {
    const sql = await postJson(live.base, {
      query: 'query ($s: String!) { organization(slug: $s) { slug } }',
      variables: { s: "meta'; drop table organizations; --" },
    });
    expect(sql.body).toEqual({ data: { organization: null } });
    const bytes = Buffer.concat([
      Buffer.from('{"query":"{ organization(slug: \\"me'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('ta\\") { slug } }"}'),
    ]);
    const utf8 = await send(live.base, { headers: json, body: bytes });
    expect(utf8.status).toBeLessThan(500);
    const { body } = await postJson(live.base, { query: '{ organizations { totalCount } }' });
    expect(body.data.organizations.totalCount).toBeGreaterThanOrEqual(7);
  });
});
