import { applySeed } from '../../src/seed/seed.apply';
import { seed, STORE_KINDS, TestApi } from '../support/harness';

const SEARCH = /* GraphQL */ `
  query ($q: String!, $first: Int, $after: String) {
    search(query: $q, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        snippet
        score
        node {
          __typename
          ... on Release {
            slug
          }
          ... on PolicyPosition {
            slug
          }
          ... on Organization {
            slug
          }
          ... on Person {
            slug
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type Hit = { snippet: string; score: number; node: { __typename: string; slug: string } };

const FIXED = ['405B', 'open source', 'Clegg', '"open source AI"', 'licensing', 'gpt-4o', 'anthropic or openai'];

describe.each(STORE_KINDS)('search on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  const hits = async (q: string, first = 100): Promise<{ totalCount: number; edges: Hit[] }> =>
    (await api.gql(SEARCH, { q, first })).search;

  it('"405B" finds Llama 3.1 first, with the match highlighted', async () => {
    const result = await hits('405B');
    expect(result.edges[0].node).toEqual({ __typename: 'Release', slug: 'llama-3-1' });
    expect(result.edges[0].snippet).toContain('<mark>405B</mark>');
  });

  it('"Clegg" finds the person and his position first', async () => {
    const top = (await hits('Clegg')).edges
      .slice(0, 2)
      .map((e) => e.node.slug)
      .sort();
    expect(top).toEqual(['clegg-defends-open-release-of-llama-2', 'nick-clegg']);
  });

  it('"open source" finds organizations, positions and releases, best first', async () => {
    const result = await hits('open source');
    const types = new Set(result.edges.map((e) => e.node.__typename));
    expect([...types]).toEqual(expect.arrayContaining(['Organization', 'PolicyPosition', 'Release']));
    expect(result.edges.map((e) => e.node.slug)).toContain('open-source-initiative');
    const scores = result.edges.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('a quoted phrase matches only where the words stand together', async () => {
    const phrase = await hits('"open source AI"');
    const words = await hits('open source AI');
    expect(phrase.totalCount).toBeGreaterThan(0);
    expect(phrase.totalCount).toBeLessThan(words.totalCount);
    expect(phrase.edges[0].node.slug).toBe('meta-rejects-osi-open-source-ai-definition');
  });

  it('matches by stem: "licensing" finds "license"', async () => {
    const result = await hits('licensing');
    expect(result.totalCount).toBeGreaterThan(3);
    expect(result.edges.some((e) => /<mark>licen[cs]e<\/mark>/i.test(e.snippet))).toBe(true);
  });

  it('excludes with -word and offers alternatives with or', async () => {
    const llama = await hits('llama');
    const notGuard = await hits('llama -guard');
    expect(notGuard.totalCount).toBeLessThan(llama.totalCount);
    expect(notGuard.edges.map((e) => e.node.slug)).not.toContain('llama-guard');
    const either = await hits('anthropic or openai');
    const both = await hits('anthropic openai');
    expect(either.totalCount).toBeGreaterThan(both.totalCount);
  });

  it('treats query syntax characters as text, never as an error', async () => {
    for (const q of ['NEAR(a b)', 'llama*', '"unclosed', 'a:b OR', "'; drop table releases; --", '(((']) {
      const result = await api.run(SEARCH, { q, first: 5 });
      if (result.errors) expect(result.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await hits('llama')).totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['an empty query', '', 'must not be empty'],
    ['a blank query', '   ', 'must not be empty'],
    ['a 1,000-character query', 'x'.repeat(1000), 'at most 200 characters'],
    ['only common words', 'the of and', 'no searchable words'],
    ['only an exclusion', '-llama', 'no searchable words'],
  ])('rejects %s as BAD_USER_INPUT', async (_label, q, message) => {
    const [error] = await api.errors(SEARCH, { q: q as string });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(message);
  });

  it('pages through every hit without skipping or repeating', async () => {
    const all = (await hits('open source')).edges.map((e) => e.node.slug);
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const { search }: any = await api.gql(SEARCH, { q: 'open source', first: 3, after });
      walked.push(...search.edges.map((e: Hit) => e.node.slug));
      if (!search.pageInfo.hasNextPage) break;
      after = search.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
  });

  it('keeps the index current when the seed changes a record', async () => {
    expect((await hits('zyxwvut')).totalCount).toBe(0);
    const data = seed();
    const edited = {
      ...data,
      releases: data.releases.map((r) =>
        r.value.slug === 'gemma' ? { ...r, value: { ...r.value, summary: `${r.value.summary} Codename zyxwvut.` } } : r,
      ),
    };
    await applySeed(api.store, edited);
    const after = await hits('zyxwvut');
    expect(after.edges.map((e) => e.node.slug)).toEqual(['gemma']);
    await applySeed(api.store, data);
    expect((await hits('zyxwvut')).totalCount).toBe(0);
  });
});

(STORE_KINDS.length > 1 ? describe : describe.skip)('search on both stores', () => {
  let sqlite: TestApi;
  let postgres: TestApi;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([TestApi.create('sqlite'), TestApi.create('postgres')]);
  });
  afterAll(() => Promise.all([sqlite.close(), postgres.close()]));

  it.each(FIXED)('%s matches the same records on both stores', async (q) => {
    const [a, b] = await Promise.all([sqlite.gql(SEARCH, { q, first: 100 }), postgres.gql(SEARCH, { q, first: 100 })]);
    const slugs = (r: any) => r.search.edges.map((e: Hit) => `${e.node.__typename}:${e.node.slug}`).sort();
    expect(b.search.totalCount).toBe(a.search.totalCount);
    expect(slugs(b)).toEqual(slugs(a));
  });

  // The two stores rank with different formulas (bm25, cover density): for these the best hit agrees ...
  it.each(['405B', '"open source AI"', 'gpt-4o'])('%s has the same top result on both stores', async (q) => {
    const [a, b] = await Promise.all([sqlite.gql(SEARCH, { q, first: 1 }), postgres.gql(SEARCH, { q, first: 1 })]);
    expect(b.search.edges[0].node).toEqual(a.search.edges[0].node);
  });

  // ... and for every one, each store's best hit is among the other's first three.
  it.each(['405B', '"open source AI"', 'licensing', 'gpt-4o'])("%s ranks each store's best hit near the top of the other", async (q) => {
    const [a, b] = await Promise.all([sqlite.gql(SEARCH, { q, first: 3 }), postgres.gql(SEARCH, { q, first: 3 })]);
    const nodes = (r: any) => r.search.edges.map((e: Hit) => e.node);
    expect(nodes(b)).toContainEqual(nodes(a)[0]);
    expect(nodes(a)).toContainEqual(nodes(b)[0]);
  });
});
