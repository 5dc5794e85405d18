import { STORE_KINDS, TestApi } from '../support/harness';

const HEADLINE = /* GraphQL */ `
  query MetaOpenTimeline($first: Int) {
    timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: $first) {
      totalCount
      nodes {
        __typename
        date
        datePrecision
        title
        ... on Release {
          slug
          name
          accessLevel
          isOpen
          license {
            name
            osiApproved
          }
          variants {
            name
            parameterCount
          }
          organization {
            slug
          }
        }
        sources {
          url
          title
        }
      }
    }
  }
`;

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: TimelineFilter, $orderBy: TimelineOrder) {
    timeline(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          __typename
          id
          slug
          date
          eventType
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

type Edge = { cursor: string; node: { __typename: string; id: string; slug: string; date: string; eventType: string } };
const key = (e: Edge) => `${e.node.date}|${e.node.eventType}|${e.node.slug}`;

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  describe('the headline query', () => {
    it("returns Meta's open releases, oldest first, each with access level, license, variants and sources", async () => {
      const { timeline } = await api.gql(HEADLINE, { first: 50 });
      const nodes = timeline.nodes;
      expect(timeline.totalCount).toBe(nodes.length);
      expect(nodes.length).toBeGreaterThanOrEqual(15);
      const slugs = nodes.map((n: any) => n.slug);
      for (const slug of [
        'pytorch',
        'fasttext',
        'faiss',
        'detectron',
        'detectron2',
        'llama',
        'segment-anything',
        'llama-2',
        'code-llama',
        'llama-3',
        'llama-3-1',
        'llama-3-2',
        'llama-3-3',
        'llama-4',
      ]) {
        expect(slugs).toContain(slug);
      }
      const dates = nodes.map((n: any) => n.date);
      expect([...dates].sort()).toEqual(dates);
      for (const n of nodes) {
        expect(n.__typename).toBe('Release');
        expect(n.organization.slug).toBe('meta');
        expect(n.isOpen).toBe(true);
        expect(['GATED_WEIGHTS', 'OPEN_WEIGHTS', 'OPEN_SOURCE']).toContain(n.accessLevel);
        expect(n.license).not.toBeNull();
        expect(n.sources.length).toBeGreaterThan(0);
        for (const s of n.sources) expect(s.url).toMatch(/^https?:\/\//);
      }
    });

    it('judges openness by license: LLaMA is gated, Llama 2 is open weights under a non-OSI license, PyTorch is open source', async () => {
      const { timeline } = await api.gql(HEADLINE, { first: 50 });
      const bySlug = Object.fromEntries(timeline.nodes.map((n: any) => [n.slug, n]));
      expect(bySlug['llama'].accessLevel).toBe('GATED_WEIGHTS');
      expect(bySlug['llama-2'].accessLevel).toBe('OPEN_WEIGHTS');
      expect(bySlug['llama-2'].license.osiApproved).toBe(false);
      expect(bySlug['pytorch'].accessLevel).toBe('OPEN_SOURCE');
      expect(bySlug['pytorch'].license.osiApproved).toBe(true);
    });

    it('costs the same number of SQL statements for 5 events as for 50, and at most 10', async () => {
      api.store.resetCount();
      await api.gql(HEADLINE, { first: 5 });
      const five = api.store.statements();
      api.store.resetCount();
      await api.gql(HEADLINE, { first: 50 });
      const fifty = api.store.statements();
      expect(five).toBe(fifty);
      expect(fifty).toBeLessThanOrEqual(10);
    });
  });

  describe('timeline paging', () => {
    async function walkForward(first: number, variables: Record<string, unknown> = {}): Promise<Edge[]> {
      const seen: Edge[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 500; guard++) {
        const { timeline }: any = await api.gql(PAGE, { ...variables, first, after });
        seen.push(...timeline.edges);
        expect(timeline.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!timeline.pageInfo.hasNextPage) return seen;
        after = timeline.pageInfo.endCursor;
      }
      throw new Error('paging did not end');
    }

    async function walkBackward(last: number, variables: Record<string, unknown> = {}): Promise<Edge[]> {
      const seen: Edge[] = [];
      let before: string | null = null;
      for (let guard = 0; guard < 500; guard++) {
        const { timeline }: any = await api.gql(PAGE, { ...variables, last, before });
        seen.unshift(...timeline.edges);
        expect(timeline.pageInfo.hasNextPage).toBe(before !== null);
        if (!timeline.pageInfo.hasPreviousPage) return seen;
        before = timeline.pageInfo.startCursor;
      }
      throw new Error('paging did not end');
    }

    let all: Edge[];
    beforeAll(async () => {
      const { timeline } = await api.gql(PAGE, { first: 100 });
      all = timeline.edges;
      expect(timeline.totalCount).toBe(all.length);
      expect(timeline.pageInfo.hasNextPage).toBe(false);
    });

    it('orders events by date, then event type, then slug', () => {
      const keys = all.map(key);
      expect([...keys].sort()).toEqual(keys);
      expect(new Set(all.map((e) => e.node.eventType))).toEqual(new Set(['RELEASE', 'POLICY_POSITION', 'POLICY_ACTION']));
    });

    it('has same-date ties across and within event types in the seed, so the tie-break is exercised', () => {
      const byDate = new Map<string, Edge[]>();
      for (const e of all) byDate.set(e.node.date, [...(byDate.get(e.node.date) ?? []), e]);
      const ties = [...byDate.values()].filter((es) => es.length > 1);
      expect(ties.some((es) => new Set(es.map((e) => e.node.eventType)).size > 1)).toBe(true);
      expect(ties.some((es) => es.filter((e) => e.node.eventType === 'POLICY_POSITION').length > 1)).toBe(true);
    });

    it.each([1, 2, 3, 7])('walks forward %i at a time over the whole timeline without skipping or repeating', async (size) => {
      const walked = await walkForward(size);
      expect(walked.map(key)).toEqual(all.map(key));
    });

    it.each([1, 3, 8])('walks backward %i at a time over the whole timeline without skipping or repeating', async (size) => {
      const walked = await walkBackward(size);
      expect(walked.map(key)).toEqual(all.map(key));
    });

    it('walks newest first with orderBy DESC, forward and backward', async () => {
      const desc = { orderBy: { direction: 'DESC' } };
      const reversed = all.map(key).reverse();
      expect((await walkForward(4, desc)).map(key)).toEqual(reversed);
      expect((await walkBackward(5, desc)).map(key)).toEqual(reversed);
    });

    it('pages a filtered timeline consistently with its totalCount', async () => {
      const filter = { organizations: ['meta', 'openai'], from: '2019-01-01' };
      const walked = await walkForward(2, { filter });
      const { timeline } = await api.gql(PAGE, { first: 0, filter });
      expect(walked.length).toBe(timeline.totalCount);
      expect(walked.length).toBeGreaterThan(0);
    });

    it('accepts a cursor together with the opposite bound (after + last)', async () => {
      const after = all[2].cursor;
      const before = all[9].cursor;
      const { timeline } = await api.gql(PAGE, { after, before, last: 3 });
      expect(timeline.edges.map(key)).toEqual(all.slice(6, 9).map(key));
    });

    it('first: 0 returns no edges but still counts', async () => {
      const { timeline } = await api.gql(PAGE, { first: 0 });
      expect(timeline.edges).toEqual([]);
      expect(timeline.totalCount).toBe(all.length);
      expect(timeline.pageInfo.hasNextPage).toBe(true);
    });
  });

  describe('timeline filters', () => {
    const LIST = /* GraphQL */ `
      query ($filter: TimelineFilter) {
        timeline(filter: $filter, first: 100) {
          totalCount
          nodes {
            __typename
            date
            organization {
              slug
            }
            ... on Release {
              accessLevel
              isOpen
            }
            ... on PolicyPosition {
              topic
            }
          }
        }
      }
    `;
    const list = async (filter: Record<string, unknown>) => (await api.gql(LIST, { filter })).timeline;

    it('organizations', async () => {
      const t = await list({ organizations: ['openai', 'anthropic'] });
      expect(t.nodes.length).toBeGreaterThan(0);
      // Releases and positions by their organization; policy actions also by signatory (below).
      const own = t.nodes.filter((n: any) => n.__typename !== 'PolicyAction');
      expect(new Set(own.map((n: any) => n.organization.slug))).toEqual(new Set(['openai', 'anthropic']));
    });

    it('eventTypes', async () => {
      const t = await list({ eventTypes: ['POLICY_POSITION'] });
      expect(t.nodes.length).toBeGreaterThan(0);
      expect(t.nodes.every((n: any) => n.__typename === 'PolicyPosition')).toBe(true);
    });

    it('accessLevels applies to releases and leaves positions in', async () => {
      const t = await list({ accessLevels: ['API'] });
      const releases = t.nodes.filter((n: any) => n.__typename === 'Release');
      expect(releases.length).toBeGreaterThan(0);
      expect(releases.every((n: any) => n.accessLevel === 'API')).toBe(true);
      expect(t.nodes.some((n: any) => n.__typename === 'PolicyPosition')).toBe(true);
    });

    it('openOnly keeps open releases only; positions are unaffected', async () => {
      const all = await list({});
      const open = await list({ openOnly: true });
      const positions = (t: any) => t.nodes.filter((n: any) => n.__typename === 'PolicyPosition').length;
      expect(open.nodes.filter((n: any) => n.__typename === 'Release').every((n: any) => n.isOpen)).toBe(true);
      expect(open.totalCount).toBeLessThan(all.totalCount);
      expect(positions(open)).toBe(positions(all));
    });

    it('topics applies to positions and leaves releases in', async () => {
      const t = await list({ topics: ['NATIONAL_SECURITY'] });
      const positions = t.nodes.filter((n: any) => n.__typename === 'PolicyPosition');
      expect(positions.length).toBeGreaterThan(0);
      expect(positions.every((n: any) => n.topic === 'NATIONAL_SECURITY')).toBe(true);
      expect(t.nodes.some((n: any) => n.__typename === 'Release')).toBe(true);
    });

    it('from and to are inclusive', async () => {
      const t = await list({ from: '2024-07-23', to: '2024-07-23' });
      expect(t.nodes.length).toBeGreaterThan(1);
      expect(t.nodes.every((n: any) => n.date === '2024-07-23')).toBe(true);
    });

    it('rejects an unknown organization slug, naming it', async () => {
      const [error] = await api.errors(LIST, { filter: { organizations: ['meta', 'no-such-org'] } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('no-such-org');
      expect(error.message).toContain('filter.organizations');
    });

    it('rejects a reversed date range', async () => {
      const [error] = await api.errors(LIST, { filter: { from: '2025-01-01', to: '2024-01-01' } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('rejects an impossible date', async () => {
      const [error] = await api.errors(LIST, { filter: { from: '2024-02-30' } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('YYYY-MM-DD');
    });
  });

  describe('organizations and policy actions', () => {
    const SLUGS = /* GraphQL */ `
      query ($filter: TimelineFilter) {
        timeline(filter: $filter, first: 100) {
          totalCount
          nodes {
            eventType
            slug
          }
        }
      }
    `;
    type Action = { slug: string; jurisdiction: { code: string }; organization: { slug: string }; signatories: Array<{ slug: string }> };
    let actions: Action[];
    const keys = async (filter: Record<string, unknown>) => {
      const { timeline } = await api.gql(SLUGS, { filter });
      expect(timeline.nodes.length).toBe(timeline.totalCount); // one page holds them all
      return timeline.nodes.map((n: { eventType: string; slug: string }) => `${n.eventType}:${n.slug}`).sort();
    };
    /** The policy actions an organization issued or signed, from the records themselves. */
    const actionsOf = (slugs: string[]) =>
      actions
        .filter((a) => slugs.includes(a.organization.slug) || a.signatories.some((s) => slugs.includes(s.slug)))
        .map((a) => `POLICY_ACTION:${a.slug}`)
        .sort();
    beforeAll(async () => {
      actions = (
        await api.gql('{ policyActions(first: 100) { nodes { slug jurisdiction { code } organization { slug } signatories { slug } } } }')
      ).policyActions.nodes;
    });

    it('organizations matches a policy action by its issuing body or by any signatory', async () => {
      const signed = actionsOf(['meta']);
      expect(signed.length).toBeGreaterThan(0); // Meta issues none: these are the ones it signed
      expect(actions.some((a) => a.organization.slug === 'meta')).toBe(false);
      expect(await keys({ organizations: ['meta'], eventTypes: ['POLICY_ACTION'] })).toEqual(signed);
      // An issuing body and a signatory together: each action once.
      const both = actionsOf(['meta', 'us-white-house']);
      expect(both.length).toBeGreaterThan(signed.length);
      expect(await keys({ organizations: ['meta', 'us-white-house'], eventTypes: ['POLICY_ACTION'] })).toEqual(both);
      // The other kinds still go by their own organization.
      const metaAll = await keys({ organizations: ['meta'] });
      expect(metaAll.filter((k: string) => k.startsWith('POLICY_ACTION:'))).toEqual(signed);
      expect(metaAll.length).toBeGreaterThan(signed.length);
    });

    it('counts and pages them on Organization.timeline too, one organization or many at once', async () => {
      const one = await api.gql(
        '{ organization(slug: "meta") { timeline(filter: { eventTypes: [POLICY_ACTION] }, first: 100) { totalCount nodes { slug } } } }',
      );
      expect(one.organization.timeline.nodes.map((n: { slug: string }) => `POLICY_ACTION:${n.slug}`).sort()).toEqual(actionsOf(['meta']));
      expect(one.organization.timeline.totalCount).toBe(actionsOf(['meta']).length);

      api.store.resetCount();
      const many = await api.gql(
        `{ organizations(first: 100) { nodes { slug timeline(filter: { eventTypes: [POLICY_ACTION] }, first: 2) {
             totalCount nodes { slug } pageInfo { hasNextPage } } } } }`,
      );
      expect(api.store.statements()).toBeLessThanOrEqual(6); // batched: not a statement per organization
      let signatoriesSeen = 0;
      for (const org of many.organizations.nodes) {
        const expected = actions.filter((a) => a.organization.slug === org.slug || a.signatories.some((s) => s.slug === org.slug));
        expect([org.slug, org.timeline.totalCount]).toEqual([org.slug, expected.length]);
        expect(org.timeline.nodes.map((n: { slug: string }) => n.slug)).toEqual(expected.slice(0, 2).map((a) => a.slug));
        expect(org.timeline.pageInfo.hasNextPage).toBe(expected.length > 2);
        if (expected.some((a) => a.organization.slug !== org.slug)) signatoriesSeen++;
      }
      expect(signatoriesSeen).toBeGreaterThan(3);
    });

    it('organizationsApplyTo leaves the kinds it does not name to their own fields', async () => {
      const eu = actions.filter((a) => a.jurisdiction.code === 'EU').map((a) => `POLICY_ACTION:${a.slug}`);
      expect(eu.length).toBeGreaterThan(0);
      const metaOwn = await keys({ organizations: ['meta'], eventTypes: ['RELEASE', 'POLICY_POSITION'] });
      const view = await keys({ organizations: ['meta'], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'], jurisdictions: ['EU'] });
      expect(view).toEqual([...metaOwn, ...eu].sort());
      // Every policy action, whoever issued or signed it; releases and positions still Meta's only.
      const all = await keys({ organizations: ['meta'], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'] });
      expect(all.filter((k: string) => k.startsWith('POLICY_ACTION:'))).toEqual(actions.map((a) => `POLICY_ACTION:${a.slug}`).sort());
      expect(all.filter((k: string) => !k.startsWith('POLICY_ACTION:'))).toEqual(metaOwn);
      // Naming every kind is the same as leaving it out.
      expect(await keys({ organizations: ['meta'], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION', 'POLICY_ACTION'] })).toEqual(
        await keys({ organizations: ['meta'] }),
      );
      // Only policy actions narrowed: every release and position, Meta's policy actions.
      const releasesAndPositions = await keys({ eventTypes: ['RELEASE', 'POLICY_POSITION'] });
      expect(await keys({ organizations: ['meta'], organizationsApplyTo: ['POLICY_ACTION'] })).toEqual(
        [...releasesAndPositions, ...actionsOf(['meta'])].sort(),
      );
    });

    it('organizationsApplyTo also narrows Organization.timeline by organization, which always narrows every kind to its own', async () => {
      const { organization } = await api.gql(
        `{ organization(slug: "meta") { timeline(filter: { organizations: ["openai"], organizationsApplyTo: [RELEASE] }, first: 100) {
             nodes { eventType slug organization { slug } } } } }`,
      );
      const nodes = organization.timeline.nodes as Array<{ eventType: string; slug: string; organization: { slug: string } }>;
      // Releases must be OpenAI's (the filter) and Meta's (the parent): none; positions and actions are Meta's own.
      expect(nodes.filter((n) => n.eventType === 'RELEASE')).toEqual([]);
      expect(nodes.some((n) => n.eventType === 'POLICY_POSITION')).toBe(true);
      expect(
        nodes
          .filter((n) => n.eventType === 'POLICY_ACTION')
          .map((n) => `POLICY_ACTION:${n.slug}`)
          .sort(),
      ).toEqual(actionsOf(['meta']));
    });

    it('refuses an empty organizationsApplyTo, and more kinds than a list takes', async () => {
      const [error] = await api.errors(SLUGS, { filter: { organizations: ['meta'], organizationsApplyTo: [] } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('filter.organizationsApplyTo');
      const [unknown] = await api.errors(SLUGS, { filter: { organizationsApplyTo: ['RELEASE', 'MEETING'] } });
      expect(unknown.message).toContain('MEETING');
    });
  });

  describe('bad paging arguments', () => {
    it.each([
      [{ first: 1000 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ last: 101 }, 'last'],
      [{ first: 2, last: 2 }, 'last'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from('k1:["x"]').toString('base64') }, 'after'],
      [{ before: Buffer.from('hello').toString('base64') }, 'before'],
    ])('%j is BAD_USER_INPUT naming %s', async (args, argument) => {
      const [error] = await api.errors(PAGE, args);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(`"${argument}"`);
    });
  });
});
