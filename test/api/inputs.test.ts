import { createApiKey } from '../../src/auth/api-keys';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { parseSeed, SeedValidationError } from '../../src/seed/seed.loader';
import { createTestStore, STORE_KINDS, type TestStore } from '../support/harness';
import { postJson, send, type Reply } from '../support/live';
import { startService } from '../support/service';
import { curate, DELETE_RELEASE, LiveClient, newRelease, CREATE_RELEASE } from '../support/subscriptions';

/*
 * Argument and input validation over the real HTTP and WebSocket server, on both stores:
 * list caps, NUL in any string, crafted cursors, echoed values, export refusals, and the
 * history of a record whose slug once belonged to a deleted one.
 */

const cursor = (key: unknown) => Buffer.from(`k1:${JSON.stringify(key)}`, 'utf8').toString('base64');
const slugs = (n: number, prefix = 'org') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const code = (reply: Reply) => reply.body?.errors?.[0]?.extensions?.code;
const message = (reply: Reply): string => reply.body?.errors?.[0]?.message ?? '';

describe.each(STORE_KINDS)('inputs (%s)', (kind) => {
  let store: TestStore;
  let base: string;
  let close: () => Promise<void>;
  let editorKey: string;
  let adminKey: string;

  beforeAll(async () => {
    store = await createTestStore({ kind });
    ({ base, close } = await startService(store, { NODE_ENV: 'production', RATE_LIMIT_MAX: '0', RESPONSE_CACHE: 'false' }));
    editorKey = (await createApiKey(store.db, `editor-${kind}@example.org`, 'EDITOR')).key;
    adminKey = (await createApiKey(store.db, `admin-${kind}`, 'ADMIN')).key;
  });
  afterAll(async () => {
    await close();
    await store.close();
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    postJson(base, { query, variables }, headers);

  describe('list arguments and input fields are capped (MAX_LIST_ITEMS, 100)', () => {
    const TIMELINE = 'query ($o: [String!]) { timeline(filter: { organizations: $o }) { totalCount } }';

    it.each([40_000, 70_000])('refuses a filter of %i slugs with 400, naming the argument, its length and the cap', async (n) => {
      const reply = await gql(TIMELINE, { o: slugs(n) });
      expect({ status: reply.status, code: code(reply) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(message(reply)).toContain('"filter.organizations"');
      expect(message(reply)).toContain(String(n));
      expect(message(reply)).toContain('100');
      expect(reply.body.errors[0].extensions).toMatchObject({ argumentName: 'filter.organizations', length: n, limit: 100 });
    });

    it('refuses a list nested in an input object variable, and one written in the document', async () => {
      const nested = await gql('query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }', {
        f: { eventTypes: Array(101).fill('RELEASE') },
      });
      expect({ status: nested.status, code: code(nested) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(message(nested)).toContain('"filter.eventTypes"');
      const literal = await gql(`{ timeline(filter: { topics: [${Array(101).fill('OPEN_SOURCE_AI').join(' ')}] }) { totalCount } }`);
      expect({ status: literal.status, code: code(literal) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(message(literal)).toContain('"filter.topics" has 101 items');
      const ids = await gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: Array(150).fill(toGlobalId('Organization', 'meta')),
      });
      expect({ status: ids.status, code: code(ids), argument: ids.body.errors[0].extensions.argumentName }).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        argument: 'ids',
      });
    });

    it('takes 100 items, and counts a repeated slug once', async () => {
      const full = await gql(TIMELINE, { o: Array(100).fill('meta') });
      const once = await gql(TIMELINE, { o: ['meta'] });
      expect(full.status).toBe(200);
      expect(full.body.data.timeline.totalCount).toBe(once.body.data.timeline.totalCount);
    });

    it('refuses an over-long list over WebSocket with the same code', async () => {
      const client = new LiveClient(base);
      try {
        const sub = client.subscribe('subscription ($o: [String!]) { timelineEventAdded(filter: { organizations: $o }) { __typename } }', {
          o: slugs(5000),
        });
        const reply = (await sub.next()) as { error: Array<{ message: string; extensions: { code: string } }> };
        expect(reply.error[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(reply.error[0].message).toMatch(/"filter\.organizations" has 5000 items.*at most 100/);
      } finally {
        await client.close();
      }
    });

    it('caps the lists of the export URLs too', async () => {
      const reply = await send(base, { method: 'GET', path: `/export/timeline.json?organizations=${slugs(101).join(',')}` });
      expect({ status: reply.status, code: reply.body.code, parameter: reply.body.parameter }).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        parameter: 'organizations',
      });
      expect(reply.body.message).toMatch(/101 values.*at most 100/);
    });
  });

  describe('NUL (U+0000) is refused in every string, after parsing', () => {
    it.each([
      ["GraphQL's \\u{0} escape in an argument", '{ organization(slug: "meta\\u{0}") { slug } }', 'slug'],
      [
        '\\u{000000} inside a filter list',
        '{ timeline(filter: { organizations: ["me\\u{000000}ta"] }) { totalCount } }',
        'filter.organizations[0]',
      ],
      ['\\u{0} in a cursor', '{ organizations(after: "\\u{0}") { totalCount } }', 'after'],
      ['\\u{0} in a variable default', 'query ($s: String = "x\\u{0}") { organization(slug: $s) { slug } }', 'slug'],
    ])('%s: 400 BAD_USER_INPUT naming where', async (_name, query, where) => {
      const reply = await gql(query);
      expect({ status: reply.status, code: code(reply) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(message(reply)).toContain(`"${where}"`);
      expect(message(reply)).toContain('NUL');
    });

    it('in a variable sent through a GET whose query string also holds a malformed escape', async () => {
      const query = encodeURIComponent('query ($s: String!) { organization(slug: $s) { slug } }');
      const variables = encodeURIComponent(JSON.stringify({ s: 'meta\u0000' }));
      const reply = await send(base, {
        method: 'GET',
        path: `/graphql?query=${query}&variables=${variables}&x=%ZZ`,
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect({ status: reply.status, code: code(reply) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    });

    it('over WebSocket', async () => {
      const client = new LiveClient(base);
      try {
        const sub = client.subscribe('subscription { timelineEventAdded(filter: { organizations: ["meta\\u{0}"] }) { __typename } }');
        const reply = (await sub.next()) as { error: Array<{ message: string; extensions: { code: string } }> };
        expect(reply.error[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(reply.error[0].message).toContain('"filter.organizations[0]" contains a NUL');
      } finally {
        await client.close();
      }
    });

    it('in a global id', async () => {
      const reply = await gql('query ($id: ID!) { node(id: $id) { id } }', {
        id: Buffer.from('Organization:meta\u0000').toString('base64'),
      });
      expect(code(reply)).toBe('BAD_USER_INPUT');
      expect(reply.status).toBeLessThan(500);
    });
  });

  describe('crafted cursors are BAD_USER_INPUT naming the argument, on every connection', () => {
    // For each kind of sort key, payloads that are well-formed cursors but hold the wrong values.
    const BAD: Record<string, unknown[][]> = {
      slug: [['DROP TABLE'], ['meta\u0000'], ['x'.repeat(500)], [12], ['meta', 'extra'], [{}]],
      id: [['abc'], ['99999999999999999999'], ['1e400'], ['-1'], ['\u0000'], [12], ['1', '2']],
      dateSlug: [['2023-02-30', 'llama-2'], ['2023-07-18', 'Not A Slug'], ['2023-07-18', 5], ['2023-07-18\u0000', 'llama-2'], ['llama-2']],
      timeline: [
        ['2023-02-30', 'RELEASE', 'llama-2'],
        ['2023-07-18', 'BOGUS', 'llama-2'],
        ['2023-07-18', 'RELEASE', 'llama\u00002'],
        ['2023-07-18', 'RELEASE', null],
      ],
      search: [
        ['NaN', 'RELEASE', 'llama-2'],
        ['1e400', 'RELEASE', 'llama-2'],
        ['1.5', 'BOGUS', 'llama-2'],
        ['1.5', 'RELEASE', 'llama\u00002'],
        [1.5, 'RELEASE', 'llama-2'],
      ],
    };
    const CONNECTIONS: Array<[string, keyof typeof BAD]> = [
      ['organizations(after: $c) { totalCount }', 'slug'],
      ['people(after: $c) { totalCount }', 'slug'],
      ['licenses(after: $c) { totalCount }', 'slug'],
      ['releases(after: $c) { totalCount }', 'dateSlug'],
      ['policyPositions(after: $c) { totalCount }', 'dateSlug'],
      ['timeline(after: $c) { totalCount }', 'timeline'],
      ['timeline(before: $c) { totalCount }', 'timeline'],
      ['search(query: "llama", after: $c) { totalCount }', 'search'],
      ['organization(slug: "meta") { releases(after: $c) { totalCount } }', 'dateSlug'],
      ['organization(slug: "meta") { timeline(after: $c) { totalCount } }', 'timeline'],
      ['organization(slug: "meta") { people(after: $c) { totalCount } }', 'slug'],
      ['organization(slug: "meta") { policyPositions(after: $c) { totalCount } }', 'dateSlug'],
      ['organization(slug: "meta") { history(after: $c) { totalCount } }', 'id'],
      ['release(slug: "llama-2") { history(after: $c) { totalCount } }', 'id'],
      ['license(slug: "mit") { releases(after: $c) { totalCount } }', 'dateSlug'],
    ];

    it.each(CONNECTIONS)('%s', async (field, shape) => {
      for (const key of BAD[shape]!) {
        const reply = await gql(`query ($c: String) { ${field} }`, { c: cursor(key) });
        const error = reply.body.errors?.[0];
        expect({ key, status: reply.status < 500, code: error?.extensions?.code, argument: error?.extensions?.argumentName }).toEqual({
          key,
          status: true,
          code: 'BAD_USER_INPUT',
          argument: field.includes('before') ? 'before' : 'after',
        });
      }
    });

    it('refuses a crafted audit-log cursor the same way', async () => {
      for (const key of [['abc'], ['99999999999999999999'], [1]]) {
        const reply = await gql(
          'query ($c: String) { auditLog(after: $c) { totalCount } }',
          { c: cursor(key) },
          { authorization: `Bearer ${adminKey}` },
        );
        expect({ code: code(reply), status: reply.status < 500 }).toEqual({ code: 'BAD_USER_INPUT', status: true });
      }
    });

    it('still pages with the cursors the API gives', async () => {
      const first = await gql(
        '{ timeline(first: 2) { pageInfo { endCursor } } search(query: "llama", first: 1) { pageInfo { endCursor } } }',
      );
      const next = await gql(
        'query ($t: String, $s: String) { timeline(first: 2, after: $t) { nodes { __typename } } search(query: "llama", first: 1, after: $s) { totalCount } }',
        {
          t: first.body.data.timeline.pageInfo.endCursor,
          s: first.body.data.search.pageInfo.endCursor,
        },
      );
      expect(next.body.errors).toBeUndefined();
      expect(next.body.data.timeline.nodes).toHaveLength(2);
    });
  });

  it('echoes at most five unknown slugs, each cut short', async () => {
    const unknown = Array.from({ length: 50 }, (_, i) => `no-such-${i}-${'x'.repeat(300)}`);
    const reply = await gql('query ($o: [String!]) { timeline(filter: { organizations: $o }) { totalCount } }', { o: unknown });
    expect(code(reply)).toBe('BAD_USER_INPUT');
    expect(message(reply)).toContain('and 45 more');
    expect(message(reply).length).toBeLessThan(800);
  });

  describe('history belongs to the record, not its slug', () => {
    it('gives a new record none of the history of a deleted one that had its slug', async () => {
      const slug = `reused-${kind}`;
      await curate(base, editorKey, CREATE_RELEASE, newRelease(slug, 'meta'));
      await curate(base, editorKey, DELETE_RELEASE, {
        id: toGlobalId('Release', slug),
        version: 1,
        reason: 'private reason for the old record',
      });
      await curate(base, editorKey, CREATE_RELEASE, newRelease(slug, 'meta', { name: 'The new one' }));

      const history = await gql(`{ release(slug: "${slug}") { history { totalCount nodes { operation reason actor before } } } }`);
      expect(history.body.data.release.history).toEqual({
        totalCount: 1,
        nodes: [{ operation: 'CREATE', reason: null, actor: 'EDITOR', before: null }],
      });
      expect(JSON.stringify(history.body)).not.toContain('private reason');

      // Administrators still see the whole story; the old record's entries point at no record.
      const log = await gql(
        `{ auditLog(first: 3) { nodes { operation reason actor recordSlug record { id } } } }`,
        {},
        { authorization: `Bearer ${adminKey}` },
      );
      expect(log.body.data.auditLog.nodes).toEqual([
        {
          operation: 'CREATE',
          reason: null,
          actor: `editor-${kind}@example.org`,
          recordSlug: slug,
          record: { id: toGlobalId('Release', slug) },
        },
        {
          operation: 'DELETE',
          reason: 'private reason for the old record',
          actor: `editor-${kind}@example.org`,
          recordSlug: slug,
          record: null,
        },
        { operation: 'CREATE', reason: null, actor: `editor-${kind}@example.org`, recordSlug: slug, record: null },
      ]);
    });

    it('shows key names to administrators only', async () => {
      const query = '{ release(slug: "llama-2") { history(first: 1) { nodes { actor } } } }';
      await curate(
        base,
        editorKey,
        'mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { version } userErrors { message } } }',
        {
          id: toGlobalId('Release', 'llama-2'),
          version: (await gql('{ release(slug: "llama-2") { version } }')).body.data.release.version,
          summary: `Edited on ${kind}.`,
        },
      );
      const anonymous = await gql(query);
      const editor = await gql(query, {}, { authorization: `Bearer ${editorKey}` });
      const admin = await gql(query, {}, { authorization: `Bearer ${adminKey}` });
      expect(anonymous.body.data.release.history.nodes[0].actor).toBe('EDITOR');
      expect(editor.body.data.release.history.nodes[0].actor).toBe('EDITOR');
      expect(admin.body.data.release.history.nodes[0].actor).toBe(`editor-${kind}@example.org`);
    });
  });
});

describe('rate-limited exports', () => {
  it('answer 429 with Retry-After and the RateLimit headers, not 500', async () => {
    const store = await createTestStore();
    const { base, close } = await startService(store, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000', RESPONSE_CACHE: 'false' });
    try {
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push(await send(base, { method: 'GET', path: '/export/timeline.csv' }));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
      const limited = replies[2]!;
      expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(limited.body.message).toMatch(/Rate limit exceeded/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('ratelimit-limit')).toBe('2');
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    } finally {
      await close();
      await store.close();
    }
  });
});

describe('the seed loader', () => {
  it('refuses a NUL character, with file, line and path', () => {
    const text =
      'organizations:\n  - slug: nul-org\n    name: "Nul\\0 Org"\n    kind: COMPANY\n    sources:\n      - url: https://example.org/nul\n        title: Nul\n';
    let error: unknown;
    try {
      parseSeed([{ name: 'seed/nul.yaml', text }]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).issues).toEqual([
      expect.objectContaining({ file: 'seed/nul.yaml', line: 3, path: 'organizations[0].name', message: expect.stringContaining('NUL') }),
    ]);
  });
});
