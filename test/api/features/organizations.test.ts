import { STORE_KINDS, TestApi } from '../../support/harness';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  describe('organizations', () => {
    it('Meta carries its ticker and business model, and its people, releases, positions and timeline', async () => {
      const { organization } = await api.gql(`{
        organization(slug: "meta") {
          name kind stockTicker businessModel website
          people(first: 10) { totalCount nodes { slug } }
          releases(first: 3) { totalCount nodes { slug } pageInfo { hasNextPage } }
          policyPositions(first: 10) { totalCount nodes { slug organization { slug } } }
          timeline(first: 5, orderBy: { direction: DESC }) { totalCount nodes { __typename date } }
        }
      }`);
      expect(organization).toMatchObject({ kind: 'COMPANY', stockTicker: 'NASDAQ:META', businessModel: 'Advertising' });
      expect(organization.people.nodes.map((p: any) => p.slug)).toEqual(
        expect.arrayContaining(['mark-zuckerberg', 'nick-clegg', 'yann-lecun']),
      );
      expect(organization.releases.nodes.length).toBe(3);
      expect(organization.releases.pageInfo.hasNextPage).toBe(true);
      expect(organization.releases.totalCount).toBeGreaterThanOrEqual(15);
      expect(organization.policyPositions.nodes.every((p: any) => p.organization.slug === 'meta')).toBe(true);
      // Its timeline also holds the policy actions it signed (it issues none).
      const { policyActions } = await api.gql('{ policyActions(first: 100) { nodes { organization { slug } signatories { slug } } } }');
      const signed = policyActions.nodes.filter((a: any) => a.signatories.some((s: any) => s.slug === 'meta'));
      expect(signed.length).toBeGreaterThan(0);
      expect(policyActions.nodes.some((a: any) => a.organization.slug === 'meta')).toBe(false);
      expect(organization.timeline.totalCount).toBe(
        organization.releases.totalCount + organization.policyPositions.totalCount + signed.length,
      );
      const dates = organization.timeline.nodes.map((n: any) => n.date);
      expect([...dates].sort().reverse()).toEqual(dates);
    });

    it('answers nested connections for every organization with a fixed number of statements', async () => {
      const query = `query ($first: Int, $after: String) {
        organizations(first: $first, after: $after) {
          totalCount
          nodes {
            slug
            releases(first: 2) { totalCount nodes { slug license { slug } } }
            policyPositions(first: 10) { totalCount nodes { slug actor { __typename } } }
            people(first: 2) { totalCount nodes { slug roles { title organization { slug } } } }
            timeline(first: 3) { totalCount nodes { __typename id } }
          }
        }
      }`;
      // One organization whose data exercises every relation (Meta), against all of them.
      const { organizations } = await api.gql('{ organizations(first: 100) { edges { cursor node { slug } } } }');
      const metaAt = organizations.edges.findIndex((e: any) => e.node.slug === 'meta');
      api.store.resetCount();
      const one = await api.gql(query, { first: 1, after: organizations.edges[metaAt - 1].cursor });
      const oneCount = api.store.statements();
      api.store.resetCount();
      const all = await api.gql(query, { first: 100 });
      const allCount = api.store.statements();
      expect(one.organizations.nodes.map((o: any) => o.slug)).toEqual(['meta']);
      expect(all.organizations.nodes.length).toBeGreaterThanOrEqual(6);
      expect(allCount).toBe(oneCount);
    });

    it('every required organization is present, the OSI as a standards body', async () => {
      const { organizations } = await api.gql('{ organizations(first: 100) { nodes { slug kind } } }');
      const bySlug = Object.fromEntries(organizations.nodes.map((o: any) => [o.slug, o.kind]));
      for (const slug of ['meta', 'openai', 'google', 'anthropic', 'microsoft']) expect(bySlug[slug]).toBeDefined();
      expect(bySlug['open-source-initiative']).toBe('STANDARDS_BODY');
    });
  });
});
