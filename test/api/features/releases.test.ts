import { STORE_KINDS, TestApi } from '../../support/harness';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  describe('releases', () => {
    it("Llama 3.1's variants include 405B and it was compared with GPT-4o and Claude 3.5 Sonnet", async () => {
      const { release } = await api.gql(`{
        release(slug: "llama-3-1") {
          name date datePrecision accessLevel isOpen family
          license { slug osiApproved allowsCommercialUse userThreshold restrictions }
          variants { name parameterCount }
          comparedWith { name organization { slug } }
          predecessor { slug }
          modalities
        }
      }`);
      expect(release.date).toBe('2024-07-23');
      expect(release.accessLevel).toBe('OPEN_WEIGHTS');
      expect(release.license.osiApproved).toBe(false);
      expect(release.license.userThreshold).toBe(700000000);
      expect(release.license.restrictions.length).toBeGreaterThan(0);
      expect(release.variants.map((v: any) => v.parameterCount)).toEqual(expect.arrayContaining([8e9, 70e9, 405e9]));
      expect(release.variants.some((v: any) => /405B/.test(v.name))).toBe(true);
      expect(release.comparedWith.map((r: any) => r.name)).toEqual(expect.arrayContaining(['GPT-4o', 'Claude 3.5 Sonnet']));
      expect(release.predecessor.slug).toBe('llama-3');
      expect(release.modalities).toContain('TEXT');
    });

    it('Llama 4 records active and total parameters of its mixture-of-experts variants', async () => {
      const { release } = await api.gql('{ release(slug: "llama-4") { variants { name parameterCount activeParameterCount } } }');
      const scout = release.variants.find((v: any) => /Scout/.test(v.name));
      expect(scout).toMatchObject({ parameterCount: 109e9, activeParameterCount: 17e9 });
    });

    it('filters by organization, access level, artifact type, family and date, ordered by date', async () => {
      const { releases } = await api.gql(`{
        releases(filter: { organizations: ["meta"], artifactTypes: [MODEL], families: ["Llama"], accessLevels: [OPEN_WEIGHTS], from: "2024-01-01" }, orderBy: { direction: DESC }, first: 50) {
          totalCount nodes { slug date accessLevel artifactType family organization { slug } }
        }
      }`);
      expect(releases.nodes.length).toBeGreaterThanOrEqual(4);
      expect(releases.totalCount).toBe(releases.nodes.length);
      for (const n of releases.nodes) {
        expect(n).toMatchObject({ accessLevel: 'OPEN_WEIGHTS', artifactType: 'MODEL', family: 'Llama', organization: { slug: 'meta' } });
        expect(n.date >= '2024-01-01').toBe(true);
      }
      const dates = releases.nodes.map((n: any) => n.date);
      expect([...dates].sort().reverse()).toEqual(dates);
    });

    it('lists rivals’ closed releases as API access with no license', async () => {
      const { releases } = await api.gql(
        '{ releases(filter: { organizations: ["openai", "anthropic", "google"], accessLevels: [API] }) { nodes { slug license { slug } isOpen } } }',
      );
      const slugs = releases.nodes.map((n: any) => n.slug);
      expect(slugs).toEqual(expect.arrayContaining(['gpt-4', 'gpt-4o', 'claude-3-5-sonnet', 'gemini-1-5-pro']));
      for (const n of releases.nodes) expect(n).toMatchObject({ license: null, isOpen: false });
    });

    it('pages releases with first/after and rejects last on a forward-only connection', async () => {
      const first = await api.gql('{ releases(first: 3) { edges { cursor node { slug } } pageInfo { endCursor hasNextPage } } }');
      const next = await api.gql('query ($after: String) { releases(first: 3, after: $after) { nodes { slug } } }', {
        after: first.releases.pageInfo.endCursor,
      });
      const all = await api.gql('{ releases(first: 6) { nodes { slug } } }');
      expect([...first.releases.edges.map((e: any) => e.node.slug), ...next.releases.nodes.map((n: any) => n.slug)]).toEqual(
        all.releases.nodes.map((n: any) => n.slug),
      );
      const [error] = await api.errors(
        '{ organization(slug: "meta") { timeline(last: 2) { nodes { id } } releases(first: 1) { nodes { id } } } releases(first: 1, after: "bad") { nodes { id } } }',
      );
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
