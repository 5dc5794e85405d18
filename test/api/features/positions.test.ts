import { STORE_KINDS, TestApi } from '../../support/harness';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  describe('policy positions', () => {
    it('filters by person, topic and stance, and resolves the actor union', async () => {
      const { policyPositions } = await api.gql(`{
        policyPositions(filter: { people: ["mark-zuckerberg"], topics: [OPEN_SOURCE_AI], stances: [SUPPORTS] }) {
          nodes { slug topic stance quote arguments actor { __typename ... on Person { slug } } organization { slug } sources { url publisher } }
        }
      }`);
      const slugs = policyPositions.nodes.map((p: any) => p.slug);
      expect(slugs).toContain('zuckerberg-open-source-ai-path-forward');
      for (const p of policyPositions.nodes) {
        expect(p).toMatchObject({
          topic: 'OPEN_SOURCE_AI',
          stance: 'SUPPORTS',
          actor: { __typename: 'Person', slug: 'mark-zuckerberg' },
          organization: { slug: 'meta' },
        });
        expect(p.sources.length).toBeGreaterThan(0);
        expect(p.arguments.length).toBeGreaterThan(0);
      }
    });

    it('has an organization as actor where an organization spoke as itself (the OSI definition)', async () => {
      const { policyPositions } = await api.gql(
        '{ policyPositions(filter: { organizations: ["open-source-initiative"] }) { nodes { actor { __typename ... on Organization { slug } } } } }',
      );
      expect(
        policyPositions.nodes.some((p: any) => p.actor.__typename === 'Organization' && p.actor.slug === 'open-source-initiative'),
      ).toBe(true);
    });

    it('covers both sides of the debate with attributed positions', async () => {
      const { policyPositions } = await api.gql(
        '{ policyPositions(filter: { topics: [OPEN_SOURCE_AI] }, first: 100) { nodes { stance organization { slug } } } }',
      );
      const stances = new Set(policyPositions.nodes.map((p: any) => p.stance));
      expect(stances.has('SUPPORTS')).toBe(true);
      expect(stances.has('OPPOSES')).toBe(true);
      const orgs = new Set(policyPositions.nodes.map((p: any) => p.organization.slug));
      for (const slug of ['meta', 'openai', 'google', 'anthropic', 'open-source-initiative']) expect(orgs.has(slug)).toBe(true);
    });

    it('rejects an unknown person slug in the filter', async () => {
      const [error] = await api.errors('{ policyPositions(filter: { people: ["nobody"] }) { totalCount } }');
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('filter.people');
    });
  });
});
