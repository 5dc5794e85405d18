import { STORE_KINDS, TestApi } from '../support/harness';

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
      expect(organization.timeline.totalCount).toBe(organization.releases.totalCount + organization.policyPositions.totalCount);
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

  describe('people', () => {
    it('Nick Clegg has dated roles at Meta and his positions', async () => {
      const { person } = await api.gql(`{
        person(slug: "nick-clegg") {
          name roles { title startedOn startedOnPrecision endedOn organization { slug } }
          policyPositions { totalCount nodes { slug actor { ... on Person { slug } } } }
        }
      }`);
      expect(person.name).toBe('Nick Clegg');
      expect(person.roles.length).toBeGreaterThan(0);
      expect(person.roles.every((r: any) => r.organization.slug === 'meta')).toBe(true);
      expect(person.roles[0].startedOn).toMatch(/^2018-/);
      expect(person.policyPositions.totalCount).toBeGreaterThan(0);
      expect(person.policyPositions.nodes.every((p: any) => p.actor.slug === 'nick-clegg')).toBe(true);
    });

    it('lists every required person', async () => {
      const { people } = await api.gql('{ people(first: 100) { totalCount nodes { slug roles { title } } } }');
      const slugs = people.nodes.map((p: any) => p.slug);
      expect(slugs).toEqual(
        expect.arrayContaining(['mark-zuckerberg', 'nick-clegg', 'yann-lecun', 'sam-altman', 'ilya-sutskever', 'dario-amodei']),
      );
      expect(people.nodes.every((p: any) => p.roles.length > 0)).toBe(true);
    });
  });

  describe('licenses', () => {
    it('lists every Llama license with the 700M threshold, and the OSI licenses as approved', async () => {
      const { licenses } = await api.gql(
        '{ licenses(first: 100) { nodes { slug spdxId osiApproved allowsCommercialUse userThreshold restrictions releases(first: 50) { totalCount nodes { slug } } } } }',
      );
      const bySlug = Object.fromEntries(licenses.nodes.map((l: any) => [l.slug, l]));
      for (const v of ['2', '3', '3-1', '3-2', '3-3', '4']) {
        expect(bySlug[`llama-${v}-community-license`]).toMatchObject({
          osiApproved: false,
          allowsCommercialUse: true,
          userThreshold: 700000000,
        });
      }
      expect(bySlug['llama-research-license']).toMatchObject({ osiApproved: false, allowsCommercialUse: false });
      for (const slug of ['apache-2-0', 'mit', 'bsd-3-clause']) expect(bySlug[slug].osiApproved).toBe(true);
      expect(bySlug['apache-2-0'].spdxId).toBe('Apache-2.0');
      expect(bySlug['gemma-terms-of-use'].osiApproved).toBe(false);
      expect(bySlug['llama-2-community-license'].releases.nodes.map((r: any) => r.slug)).toContain('llama-2');
    });
  });

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
