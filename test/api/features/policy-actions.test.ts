import pino from 'pino';
import { createContext } from '../../../src/app/context';
import { toCsv } from '../../../src/export/export.csv';
import { parseExportFilter } from '../../../src/export/export.params';
import { exportTimeline } from '../../../src/export/export.service';
import { toTimelineJs } from '../../../src/export/export.timelinejs';
import { toGlobalId } from '../../../src/graphql/relay/global-id';
import { policyActionSchema } from '../../../src/policy-actions/policy-action.kind';
import { readRecords } from '../../../src/records/read';
import { formatSeedFile } from '../../../src/seed/seed.format';
import { parse } from 'yaml';
import { STORE_KINDS, TestApi } from '../../support/harness';

/*
 * Policy actions, made through the mutations (the seed's own records are curated
 * separately), then read back by slug, in lists, on the timeline, in search and in the
 * exports, on both stores.
 */

const FIELDS = `id slug title date datePrecision summary kind status version eventType
  jurisdiction { code name } officialName organization { slug kind } signatories { slug }
  openWeights openWeightsNote milestones { label date datePrecision } sources { url title }`;
const ERRORS = 'userErrors { field message code }';
const CREATE = `mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { policyAction { ${FIELDS} } ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdatePolicyActionInput!) { updatePolicyAction(input: $input) { policyAction { ${FIELDS} } ${ERRORS} } }`;
const DELETE = `mutation ($input: DeletePolicyActionInput!) { deletePolicyAction(input: $input) { deletedId ${ERRORS} } }`;
const CREATE_ORG = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } ${ERRORS} } }`;
const DELETE_ORG = `mutation ($input: DeleteOrganizationInput!) { deleteOrganization(input: $input) { deletedId ${ERRORS} } }`;

/** The issuing bodies of this file's records: lists are narrowed to them, since the seed holds real policy actions too. */
const TEST_BODIES = ['test-union', 'test-summit'];

const source = (slug: string) => [{ url: `https://example.org/${slug}`, title: `About ${slug}` }];

const regulation = {
  slug: 'test-regulation',
  title: 'A test regulation on AI',
  date: '2024-07-12',
  datePrecision: 'DAY',
  summary: 'A regulation with duties phased in over two years.',
  kind: 'REGULATION',
  status: 'IN_FORCE',
  jurisdiction: 'EU',
  officialName: 'Regulation (XX) 2024/1',
  organization: 'test-union',
  openWeights: 'EXEMPTS',
  openWeightsNote: 'Openly released models are spared some documentation duties.',
  milestones: [
    { label: 'Enters into force', date: '2024-08-01' },
    { label: 'Most rules apply', date: '2026-08-01', datePrecision: 'MONTH' },
  ],
  sources: source('test-regulation'),
};

const declaration = {
  slug: 'test-declaration',
  title: 'A test summit declaration',
  date: '2023-11-01',
  datePrecision: 'DAY',
  kind: 'DECLARATION',
  status: 'ADOPTED',
  jurisdiction: 'INTL',
  officialName: 'The Quillmere Declaration',
  organization: 'test-summit',
  signatories: ['test-union', 'meta'],
  openWeights: 'NOT_ADDRESSED',
  sources: source('test-declaration'),
};

const order = {
  slug: 'test-order',
  title: 'A test executive order',
  date: '2023-10-30',
  datePrecision: 'DAY',
  kind: 'EXECUTIVE_ORDER',
  status: 'REVOKED',
  jurisdiction: 'US',
  organization: 'test-union',
  openWeights: 'MONITORS',
  sources: source('test-order'),
};

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  let editor: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
    editor = await api.withKey('EDITOR', 'ada');
    for (const [slug, orgKind] of [
      ['test-union', 'GOVERNMENT'],
      ['test-summit', 'INTERGOVERNMENTAL'],
    ]) {
      const { createOrganization } = await editor.gql(CREATE_ORG, { input: { slug, name: slug, kind: orgKind } });
      expect(createOrganization.userErrors).toEqual([]);
    }
    for (const input of [regulation, declaration, order]) {
      const { createPolicyAction } = await editor.gql(CREATE, { input: { ...input, reason: 'test record' } });
      expect(createPolicyAction.userErrors).toEqual([]);
    }
  });
  afterAll(() => api.close());

  describe('policy actions', () => {
    it('reads one by slug with every field', async () => {
      const { policyAction } = await api.gql(`{ policyAction(slug: "test-regulation") { ${FIELDS} } }`);
      expect(policyAction).toEqual({
        id: toGlobalId('PolicyAction', 'test-regulation'),
        slug: 'test-regulation',
        title: 'A test regulation on AI',
        date: '2024-07-12',
        datePrecision: 'DAY',
        summary: 'A regulation with duties phased in over two years.',
        kind: 'REGULATION',
        status: 'IN_FORCE',
        version: 1,
        eventType: 'POLICY_ACTION',
        jurisdiction: { code: 'EU', name: 'European Union' },
        officialName: 'Regulation (XX) 2024/1',
        organization: { slug: 'test-union', kind: 'GOVERNMENT' },
        signatories: [],
        openWeights: 'EXEMPTS',
        openWeightsNote: 'Openly released models are spared some documentation duties.',
        milestones: [
          { label: 'Enters into force', date: '2024-08-01', datePrecision: 'DAY' },
          { label: 'Most rules apply', date: '2026-08-01', datePrecision: 'MONTH' },
        ],
        sources: [{ url: 'https://example.org/test-regulation', title: 'About test-regulation' }],
      });
      const { declaration: d } = await api.gql(
        '{ declaration: policyAction(slug: "test-declaration") { signatories { slug } organization { kind } } }',
      );
      expect(d).toEqual({ signatories: [{ slug: 'test-union' }, { slug: 'meta' }], organization: { kind: 'INTERGOVERNMENTAL' } });
      expect((await api.gql('{ policyAction(slug: "nothing-here") { id } }')).policyAction).toBeNull();
    });

    it('lists them by date, narrowed by jurisdiction, kind, status, issuing body and dates', async () => {
      const list = async (filter: Record<string, unknown>) =>
        (
          await api.gql('query ($f: PolicyActionFilter) { policyActions(filter: $f) { totalCount nodes { slug } } }', {
            f: { organizations: TEST_BODIES, ...filter },
          })
        ).policyActions;
      const slugs = async (filter: Record<string, unknown>) => (await list(filter)).nodes.map((n: { slug: string }) => n.slug);
      expect(await slugs({})).toEqual(['test-order', 'test-declaration', 'test-regulation']);
      expect(await slugs({ jurisdictions: ['US', 'INTL'] })).toEqual(['test-order', 'test-declaration']);
      expect(await slugs({ kinds: ['REGULATION'] })).toEqual(['test-regulation']);
      expect(await slugs({ statuses: ['REVOKED', 'ADOPTED'] })).toEqual(['test-order', 'test-declaration']);
      expect(await slugs({ organizations: ['test-summit'] })).toEqual(['test-declaration']);
      expect(await slugs({ from: '2023-11-01', to: '2024-01-01' })).toEqual(['test-declaration']);
      expect((await list({ jurisdictions: ['EU'] })).totalCount).toBe(1);
      const page = await api.gql(
        'query ($f: PolicyActionFilter) { policyActions(filter: $f, first: 1) { nodes { slug } pageInfo { hasNextPage endCursor } } }',
        { f: { organizations: TEST_BODIES } },
      );
      const next = await api.gql(
        'query ($f: PolicyActionFilter, $a: String) { policyActions(filter: $f, first: 5, after: $a) { nodes { slug } } }',
        {
          f: { organizations: TEST_BODIES },
          a: page.policyActions.pageInfo.endCursor,
        },
      );
      expect(next.policyActions.nodes.map((n: { slug: string }) => n.slug)).toEqual(['test-declaration', 'test-regulation']);
    });

    it('refuses an unknown jurisdiction code, naming the argument', async () => {
      const [error] = await api.errors('{ policyActions(filter: { jurisdictions: ["XX"] }) { totalCount } }');
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('filter.jurisdictions');
      expect(error.message).toContain('"XX"');
      const [onTimeline] = await api.errors('{ timeline(filter: { jurisdictions: ["US", "Mars"] }) { totalCount } }');
      expect(onTimeline.extensions?.code).toBe('BAD_USER_INPUT');
      expect(onTimeline.message).toContain('filter.jurisdictions');
    });

    it('puts them on the timeline, where jurisdictions and policyActionKinds narrow only them', async () => {
      const timeline = async (filter: Record<string, unknown>) =>
        (
          await api.gql(
            'query ($f: TimelineFilter) { timeline(filter: $f, first: 100) { totalCount nodes { __typename slug eventType } } }',
            { f: filter },
          )
        ).timeline;
      const actions = await timeline({ eventTypes: ['POLICY_ACTION'], organizations: TEST_BODIES });
      expect(actions.nodes.map((n: { slug: string }) => n.slug)).toEqual(['test-order', 'test-declaration', 'test-regulation']);
      expect(actions.nodes.every((n: { __typename: string }) => n.__typename === 'PolicyAction')).toBe(true);

      const us = await timeline({ eventTypes: ['POLICY_ACTION'], jurisdictions: ['US'], organizations: TEST_BODIES });
      expect(us.nodes.map((n: { slug: string }) => n.slug)).toEqual(['test-order']);
      const declarations = await timeline({
        eventTypes: ['POLICY_ACTION'],
        policyActionKinds: ['DECLARATION', 'REGULATION'],
        organizations: TEST_BODIES,
      });
      expect(declarations.nodes.map((n: { slug: string }) => n.slug)).toEqual(['test-declaration', 'test-regulation']);

      // Fields of other kinds leave policy actions alone, and theirs leave the other kinds alone.
      const releaseOnly = await timeline({
        openOnly: true,
        accessLevels: ['OPEN_WEIGHTS'],
        topics: ['AI_SAFETY'],
        from: '2023-10-01',
        to: '2024-12-31',
      });
      const types = new Set(releaseOnly.nodes.map((n: { eventType: string }) => n.eventType));
      expect(types.has('POLICY_ACTION')).toBe(true);
      const actionsInRange = (await timeline({ eventTypes: ['POLICY_ACTION'], from: '2023-10-01', to: '2024-12-31' })).totalCount;
      expect(actionsInRange).toBeGreaterThanOrEqual(3); // the three made here, and the seed's
      expect(releaseOnly.nodes.filter((n: { eventType: string }) => n.eventType === 'POLICY_ACTION')).toHaveLength(actionsInRange);
      const withoutFilter = (await timeline({ eventTypes: ['RELEASE', 'POLICY_POSITION'] })).totalCount;
      const euRegulations = (await api.gql('{ policyActions(filter: { jurisdictions: ["EU"], kinds: [REGULATION] }) { totalCount } }'))
        .policyActions.totalCount;
      expect(euRegulations).toBeGreaterThanOrEqual(1);
      const withJurisdiction = await timeline({ jurisdictions: ['EU'], policyActionKinds: ['REGULATION'] });
      expect(withJurisdiction.totalCount).toBe(withoutFilter + euRegulations);

      // test-union issued two and signed the third.
      const union = await api.gql('{ organization(slug: "test-union") { timeline { nodes { slug } } } }');
      expect(union.organization.timeline.nodes.map((n: { slug: string }) => n.slug)).toEqual([
        'test-order',
        'test-declaration',
        'test-regulation',
      ]);
    });

    it('lists an action once for a body that both issued and signed it', async () => {
      const { createPolicyAction } = await editor.gql(CREATE, {
        input: { ...declaration, slug: 'test-self-signed', date: '2023-11-02', signatories: ['test-summit', 'test-union'] },
      });
      expect(createPolicyAction.userErrors).toEqual([]);
      try {
        const summit = await api.gql('{ organization(slug: "test-summit") { timeline { totalCount nodes { slug } } } }');
        expect(summit.organization.timeline).toEqual({
          totalCount: 2,
          nodes: [{ slug: 'test-declaration' }, { slug: 'test-self-signed' }],
        });
        const { timeline } = await api.gql(
          '{ timeline(filter: { organizations: ["test-summit", "test-union"], eventTypes: [POLICY_ACTION] }) { totalCount nodes { slug } } }',
        );
        expect(timeline.nodes.map((n: { slug: string }) => n.slug)).toEqual([
          'test-order',
          'test-declaration',
          'test-self-signed',
          'test-regulation',
        ]);
        expect(timeline.totalCount).toBe(4);
      } finally {
        const { deletePolicyAction } = await editor.gql(DELETE, {
          input: { id: toGlobalId('PolicyAction', 'test-self-signed'), version: createPolicyAction.policyAction.version },
        });
        expect(deletePolicyAction.userErrors).toEqual([]);
      }
    });

    it('is found by search, by its title and its official name', async () => {
      const search = async (q: string) =>
        (await api.gql('query ($q: String!) { search(query: $q) { nodes { __typename ... on PolicyAction { slug } } } }', { q })).search
          .nodes;
      expect(await search('summit declaration')).toContainEqual({ __typename: 'PolicyAction', slug: 'test-declaration' });
      expect(await search('quillmere')).toContainEqual({ __typename: 'PolicyAction', slug: 'test-declaration' });
    });

    it('is in the CSV and TimelineJS exports, with its own group and columns', async () => {
      const events = await exportTimeline(createContext(api.store, 'test', pino({ level: 'silent' })), {
        eventTypes: ['POLICY_ACTION'],
        organizations: TEST_BODIES,
      });
      expect(events.map((e) => e.group)).toEqual(['Policy actions', 'Policy actions', 'Policy actions']);
      const doc = toTimelineJs(events, 'test');
      const slide = doc.events.find((s) => s.unique_id === 'action-test-declaration')!;
      expect(slide.group).toBe('Policy actions');
      expect(slide.text.text).toContain('Signatories');
      const [header, ...rows] = toCsv(events).trim().split(/\r?\n/);
      const columns = header.split(',');
      const kindAt = columns.indexOf('kind');
      expect(columns.slice(kindAt, kindAt + 4)).toEqual(['kind', 'jurisdiction', 'status', 'open_weights']);
      const regulationRow = rows.find((r) => r.includes('A test regulation on AI'))!.split(',');
      expect(regulationRow.slice(kindAt, kindAt + 4)).toEqual(['REGULATION', 'EU', 'IN_FORCE', 'EXEMPTS']);
    });

    it('reads back in seed format, and seed:export writes that as YAML that parses to the same records', async () => {
      const records = (await readRecords(api.store.db, 'policyActions', ['test-declaration', 'test-regulation'])).map((r) => r.value);
      expect(records[0]).toEqual({
        slug: 'test-declaration',
        title: 'A test summit declaration',
        date: '2023-11-01',
        kind: 'DECLARATION',
        status: 'ADOPTED',
        jurisdiction: 'INTL',
        officialName: 'The Quillmere Declaration',
        organization: 'test-summit',
        signatories: ['test-union', 'meta'],
        openWeights: 'NOT_ADDRESSED',
        milestones: [],
        sources: [{ url: 'https://example.org/test-declaration', title: 'About test-declaration' }],
      });
      expect(records[1].milestones).toEqual([
        { label: 'Enters into force', date: '2024-08-01' },
        { label: 'Most rules apply', date: '2026-08' },
      ]);
      const yaml = formatSeedFile([{ kind: 'policyActions', records }]);
      expect(yaml).toContain('    milestones:\n      - label: Enters into force\n        date: "2024-08-01"\n');
      expect(yaml).not.toContain('[]'); // empty lists are left out
      const reparsed = (parse(yaml) as { policyActions: unknown[] }).policyActions.map((r) => policyActionSchema.parse(r));
      expect(reparsed).toEqual(records);
    });

    it('takes the new timeline fields as export parameters', () => {
      expect(parseExportFilter({ jurisdictions: 'us,us-ca', policyActionKinds: ['law', 'BILL'] }, 50)).toMatchObject({
        jurisdictions: ['US', 'US-CA'],
        policyActionKinds: ['LAW', 'BILL'],
      });
      expect(() => parseExportFilter({ policyActionKinds: 'TREATY' }, 50)).toThrow(/policyActionKinds.*"TREATY"/);
      expect(parseExportFilter({ organizations: 'meta', organizationsApplyTo: 'release,POLICY_POSITION' }, 50)).toMatchObject({
        organizations: ['meta'],
        organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'],
      });
      expect(() => parseExportFilter({ organizationsApplyTo: 'RELEASE,MEETING' }, 50)).toThrow(/organizationsApplyTo.*"MEETING"/);
      expect(() => parseExportFilter({ organizationsApplyTo: 'RELEASE,,POLICY_ACTION' }, 50)).toThrow(/organizationsApplyTo.*empty value/);
      expect(() => parseExportFilter({ organizationsApplyTo: 'RELEASE,POLICY_ACTION' }, 1)).toThrow(/organizationsApplyTo.*at most 1/);
    });

    it('updates and deletes with versions and history; an issuing body in use cannot be deleted', async () => {
      const id = toGlobalId('PolicyAction', 'test-order');
      const { updatePolicyAction } = await editor.gql(UPDATE, {
        input: { id, version: 1, status: 'IN_FORCE', milestones: [{ label: 'Revoked', date: '2025-01-20' }], reason: 'correction' },
      });
      expect(updatePolicyAction.userErrors).toEqual([]);
      expect(updatePolicyAction.policyAction).toMatchObject({
        version: 2,
        status: 'IN_FORCE',
        milestones: [{ label: 'Revoked', date: '2025-01-20', datePrecision: 'DAY' }],
      });
      const stale = await editor.gql(UPDATE, { input: { id, version: 1, status: 'REVOKED' } });
      expect(stale.updatePolicyAction.userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);

      const { policyAction } = await api.gql(
        '{ policyAction(slug: "test-order") { history { nodes { operation mutation version reason } } } }',
      );
      expect(policyAction.history.nodes).toEqual([
        { operation: 'UPDATE', mutation: 'updatePolicyAction', version: 2, reason: 'correction' },
        { operation: 'CREATE', mutation: 'createPolicyAction', version: 1, reason: 'test record' },
      ]);

      const org = (await api.gql('{ organization(slug: "test-summit") { id version } }')).organization;
      const refused = await editor.gql(DELETE_ORG, { input: { id: org.id, version: org.version } });
      expect(refused.deleteOrganization.userErrors).toEqual([
        expect.objectContaining({ code: 'IN_USE', message: expect.stringContaining('test-declaration') }),
      ]);

      const { deletePolicyAction } = await editor.gql(DELETE, { input: { id, version: 2, reason: 'gone' } });
      expect(deletePolicyAction).toEqual({ deletedId: id, userErrors: [] });
      expect((await api.gql('{ policyAction(slug: "test-order") { id } }')).policyAction).toBeNull();
    });

    it('refuses bad input with userErrors naming the field, and writes nothing', async () => {
      const create = async (over: Record<string, unknown>) =>
        (await editor.gql(CREATE, { input: { ...order, slug: 'bad-one', ...over } })).createPolicyAction;
      const unknownBody = await create({ organization: 'no-such-body' });
      expect(unknownBody.userErrors).toEqual([expect.objectContaining({ field: ['input', 'organization'] })]);
      const twice = await create({ signatories: ['meta', 'test-union', 'meta'] });
      expect(twice.userErrors).toEqual([expect.objectContaining({ field: ['input', 'signatories', '2'], code: 'INVALID' })]);
      const badCode = await create({ jurisdiction: 'Atlantis' });
      expect(badCode.userErrors).toEqual([expect.objectContaining({ field: ['input', 'jurisdiction'] })]);
      const companyBody = await create({ organization: 'meta' });
      expect(companyBody.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'organization'],
          code: 'INVALID',
          message: expect.stringMatching(/GOVERNMENT or INTERGOVERNMENTAL/),
        }),
      ]);
      // One document, one source: another way of writing a stored URL is refused, naming the stored one.
      const sameDocument = await create({ sources: [{ url: 'http://www.example.org/test-regulation/?utm_source=x', title: 'Again' }] });
      expect(sameDocument.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'sources', '0', 'url'],
          message: expect.stringContaining('same document as the source https://example.org/test-regulation'),
        }),
      ]);
      expect((await api.gql('{ policyAction(slug: "bad-one") { id } }')).policyAction).toBeNull();
    });
  });
});
