import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCuratedDate } from '../../../src/domain/dates';
import { TimelineEventTypes, type TimelineEventType } from '../../../src/domain/vocabulary';
import { readRecords } from '../../../src/records/read';
import { kindOf } from '../../../src/records/registry';
import { EVENT_TARGETS, EVENT_TYPES } from '../../../src/relations/relation.targets';
import { exportSeed } from '../../../src/seed/seed.export';
import { loadSeedDir } from '../../../src/seed/seed.loader';
import { seed, STORE_KINDS, TestApi } from '../../support/harness';

/*
 * Relations between timeline events: read from the seed and from records made through the
 * mutations, on both stores; the mutations' refusals (each a userError naming the field,
 * with nothing written); IN_USE; history and seed format; and the cost of reading them
 * nested, which does not grow with the number of events.
 */

const EVENT = '__typename slug';
const SIDES = `relations { type note event { ${EVENT} } } referencedBy { type note event { ${EVENT} } }`;
const ERRORS = 'userErrors { field message code }';
const ACTION = 'id slug version date relations { type note event { slug } }';
const CREATE_ACTION = `mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { policyAction { ${ACTION} } ${ERRORS} } }`;
const UPDATE_ACTION = `mutation ($input: UpdatePolicyActionInput!) { updatePolicyAction(input: $input) { policyAction { ${ACTION} } ${ERRORS} } }`;
const DELETE_ACTION = `mutation ($input: DeletePolicyActionInput!) { deletePolicyAction(input: $input) { deletedId ${ERRORS} } }`;
const CREATE_POSITION = `mutation ($input: CreatePolicyPositionInput!) { createPolicyPosition(input: $input) { policyPosition { slug } ${ERRORS} } }`;
const CREATE_RELEASE = `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { slug } ${ERRORS} } }`;
const CREATE_ORG = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } ${ERRORS} } }`;

type Link = { type: string; targetType: string; target: string; note?: string };
const link = (type: string, targetType: string, target: string, note?: string): Link => ({
  type,
  targetType,
  target,
  ...(note ? { note } : {}),
});
const sources = (slug: string) => [{ url: `https://example.org/relations/${slug}`, title: `About ${slug}` }];
const action = (slug: string, date: string, relations: Link[] = [], over: Record<string, unknown> = {}) => ({
  slug,
  title: `Test order ${slug}`,
  date,
  datePrecision: 'DAY',
  kind: 'EXECUTIVE_ORDER',
  status: 'IN_FORCE',
  jurisdiction: 'US',
  organization: 'us-white-house',
  openWeights: 'NOT_ADDRESSED',
  relations,
  sources: sources(slug),
  ...over,
});

/** A timeline event and the links it makes, as written in a seed file or a mutation's input. */
interface Written {
  type: TimelineEventType;
  slug: string;
  date: string;
  relations: Link[];
}
const typeName = (type: TimelineEventType) => kindOf(EVENT_TARGETS[type].key).typeName;

/** The seed's timeline events, with their dates as stored. */
const seedEvents = (): Written[] =>
  EVENT_TYPES.flatMap((type) =>
    seed()[EVENT_TARGETS[type].key].map(({ value }) => {
      const { slug, date, relations } = value as { slug: string; date: string; relations?: Link[] };
      return { type, slug, date: parseCuratedDate(date)!.date, relations: relations ?? [] };
    }),
  );

/**
 * Both ends of `event`'s links as the API should show them, given every event written:
 * its own links in the order written, and the links others make to it by their date,
 * event type and slug, then the order they were written in.
 */
function sidesOf(event: Pick<Written, 'type' | 'slug'>, written: readonly Written[]) {
  const rank = (type: TimelineEventType) => TimelineEventTypes.values.indexOf(type);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const own = written.find((e) => e.type === event.type && e.slug === event.slug)!;
  const incoming = written
    .flatMap((source) => source.relations.map((l, ordinal) => ({ source, l, ordinal })))
    .filter(({ l }) => l.targetType === event.type && l.target === event.slug)
    .sort(
      (a, b) =>
        order(a.source.date, b.source.date) ||
        rank(a.source.type) - rank(b.source.type) ||
        order(a.source.slug, b.source.slug) ||
        a.ordinal - b.ordinal,
    );
  return {
    relations: own.relations.map((l) => ({
      type: l.type,
      note: l.note ?? null,
      event: { __typename: typeName(l.targetType as TimelineEventType), slug: l.target },
    })),
    referencedBy: incoming.map(({ source, l }) => ({
      type: l.type,
      note: l.note ?? null,
      event: { __typename: typeName(source.type), slug: source.slug },
    })),
  };
}

const LONG_NOTE = 'Written in answer to the order it names, and long enough that the seed file folds it over more than one line of text.';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  let editor: TestApi;
  /** The events this file makes, beside the seed's. */
  const made: Written[] = [];
  const remember = (type: TimelineEventType, input: Record<string, unknown>) =>
    made.push({ type, slug: input.slug as string, date: input.date as string, relations: (input.relations as Link[]) ?? [] });
  const created = async (input: Record<string, unknown>) => {
    const { createPolicyAction } = await editor.gql(CREATE_ACTION, { input });
    expect(createPolicyAction.userErrors).toEqual([]);
    remember('POLICY_ACTION', input);
    return createPolicyAction.policyAction;
  };
  const current = async (slug: string) => (await api.gql(`{ policyAction(slug: "${slug}") { ${ACTION} } }`)).policyAction;

  beforeAll(async () => {
    api = await TestApi.create(kind);
    editor = await api.withKey('EDITOR', 'ada');
    // rel-c SUPERSEDES rel-b, which REVOKES rel-a; a position and a release respond to rel-b.
    await created(action('rel-a', '2024-03-01'));
    await created(action('rel-b', '2024-06-01', [link('REVOKES', 'POLICY_ACTION', 'rel-a', 'It revokes the March order.')]));
    await created(action('rel-c', '2024-09-01', [link('SUPERSEDES', 'POLICY_ACTION', 'rel-b')]));
    const positionInput = {
      slug: 'rel-position',
      title: 'Meta objects to the June order',
      date: '2024-07-01',
      datePrecision: 'DAY',
      actor: { organization: 'meta' },
      organization: 'meta',
      topic: 'AI_REGULATION',
      stance: 'OPPOSES',
      relations: [link('RESPONDS_TO', 'POLICY_ACTION', 'rel-b', LONG_NOTE)],
      sources: sources('rel-position'),
    };
    const position = await editor.gql(CREATE_POSITION, { input: positionInput });
    expect(position.createPolicyPosition.userErrors).toEqual([]);
    remember('POLICY_POSITION', positionInput);
    const releaseInput = {
      slug: 'rel-model',
      name: 'Rel Model',
      artifactType: 'MODEL',
      organization: 'meta',
      date: '2024-08-01',
      datePrecision: 'DAY',
      accessLevel: 'API',
      relations: [link('BASED_ON', 'RELEASE', 'llama-2'), link('RESPONDS_TO', 'POLICY_ACTION', 'rel-b')],
      sources: sources('rel-model'),
    };
    const release = await editor.gql(CREATE_RELEASE, { input: releaseInput });
    expect(release.createRelease.userErrors).toEqual([]);
    remember('RELEASE', releaseInput);
  });
  afterAll(() => api.close());

  it('reads the seed’s relations from both ends', async () => {
    // Every seeded event, each end against the seed files (and the links this file made to seeded events).
    const events = seedEvents();
    const query = events
      .map((e, i) => `e${i}: ${kindOf(EVENT_TARGETS[e.type].key).field}(slug: "${e.slug}") { __typename slug ${SIDES} }`)
      .join('\n');
    const data = await api.gql(`{ ${query} }`);
    const written = [...events, ...made];
    events.forEach((e, i) => expect(data[`e${i}`]).toEqual({ __typename: typeName(e.type), slug: e.slug, ...sidesOf(e, written) }));

    // Each link is seen from both ends, and the seed has some of every kind of event.
    const links = events.flatMap((e) => e.relations);
    const isSeeded = (r: { event: { slug: string } }) => events.some((e) => e.slug === r.event.slug);
    const seen = (side: 'relations' | 'referencedBy') =>
      events.reduce((n, _, i) => n + (data[`e${i}`][side] as Array<{ event: { slug: string } }>).filter(isSeeded).length, 0);
    expect(links.length).toBeGreaterThan(0);
    expect(seen('relations')).toBe(links.length);
    expect(seen('referencedBy')).toBe(links.length);
    for (const type of EVENT_TYPES) expect(events.some((e) => e.type === type && e.relations.length > 0)).toBe(true);
  });

  it('reads links across kinds, outgoing in curated order and incoming by date, event type and slug', async () => {
    const data = await api.gql(`{
      b: policyAction(slug: "rel-b") { ${SIDES} }
      model: release(slug: "rel-model") { ${SIDES} }
      llama2: release(slug: "llama-2") { referencedBy { type event { ${EVENT} } } }
      timeline(filter: { organizations: ["us-white-house"], from: "2024-06-01", to: "2024-06-01" }) {
        nodes { slug relations { type event { slug eventType } } }
      }
    }`);
    expect(data.b).toEqual({
      relations: [{ type: 'REVOKES', note: 'It revokes the March order.', event: { __typename: 'PolicyAction', slug: 'rel-a' } }],
      referencedBy: [
        { type: 'RESPONDS_TO', note: LONG_NOTE, event: { __typename: 'PolicyPosition', slug: 'rel-position' } },
        { type: 'RESPONDS_TO', note: null, event: { __typename: 'Release', slug: 'rel-model' } },
        { type: 'SUPERSEDES', note: null, event: { __typename: 'PolicyAction', slug: 'rel-c' } },
      ],
    });
    expect(data.model).toEqual({
      relations: [
        { type: 'BASED_ON', note: null, event: { __typename: 'Release', slug: 'llama-2' } },
        { type: 'RESPONDS_TO', note: null, event: { __typename: 'PolicyAction', slug: 'rel-b' } },
      ],
      referencedBy: [],
    });
    // The seed's links to llama-2, then this file's, in timeline order across kinds.
    const toLlama2 = sidesOf({ type: 'RELEASE', slug: 'llama-2' }, [...seedEvents(), ...made]).referencedBy;
    expect(toLlama2.at(-1)).toEqual({ type: 'BASED_ON', note: null, event: { __typename: 'Release', slug: 'rel-model' } });
    expect(data.llama2.referencedBy).toEqual(toLlama2.map(({ type, event }) => ({ type, event })));
    // On the TimelineEvent interface itself.
    expect(data.timeline.nodes).toEqual([
      { slug: 'rel-b', relations: [{ type: 'REVOKES', event: { slug: 'rel-a', eventType: 'POLICY_ACTION' } }] },
    ]);
  });

  it('refuses an unknown target, a link to itself and a link listed twice, naming the field and writing nothing', async () => {
    const refused = async (query: string, input: Record<string, unknown>) => {
      const result = await editor.gql(query, { input });
      return (result.createPolicyAction ?? result.updatePolicyAction).userErrors;
    };
    expect(await refused(CREATE_ACTION, action('rel-x', '2024-10-01', [link('AMENDS', 'POLICY_ACTION', 'no-such-order')]))).toEqual([
      {
        field: ['input', 'relations', '0', 'target'],
        code: 'NOT_FOUND',
        message: 'unknown policy action "no-such-order": no policy action has that slug',
      },
    ]);
    // The type names where to look: rel-a is a policy action, not a release.
    expect(await refused(CREATE_ACTION, action('rel-x', '2024-10-01', [link('AMENDS', 'RELEASE', 'rel-a')]))).toEqual([
      {
        field: ['input', 'relations', '0', 'target'],
        code: 'NOT_FOUND',
        message: 'unknown release "rel-a": no release has that slug (rel-a is a policy action)',
      },
    ]);
    expect((await api.gql('{ policyAction(slug: "rel-x") { id } }')).policyAction).toBeNull();

    const a = await current('rel-a');
    expect(await refused(UPDATE_ACTION, { id: a.id, version: a.version, relations: [link('AMENDS', 'POLICY_ACTION', 'rel-a')] })).toEqual([
      { field: ['input', 'relations', '0', 'target'], code: 'INVALID', message: 'an event cannot be related to itself' },
    ]);
    const c = await current('rel-c');
    const twice = [link('SUPERSEDES', 'POLICY_ACTION', 'rel-b'), link('SUPERSEDES', 'POLICY_ACTION', 'rel-b', 'again')];
    expect(await refused(UPDATE_ACTION, { id: c.id, version: c.version, relations: twice })).toEqual([
      {
        field: ['input', 'relations', '1'],
        code: 'INVALID',
        message: 'SUPERSEDES policy action "rel-b" is listed twice (first at relations[0]); list each link once',
      },
    ]);
    expect(await current('rel-a')).toEqual(a);
    expect(await current('rel-c')).toEqual(c);
  });

  it('refuses REVOKES and SUPERSEDES links that come back round, following the chain through the store', async () => {
    const a = await current('rel-a');
    const update = async (relations: Link[]) =>
      (await editor.gql(UPDATE_ACTION, { input: { id: a.id, version: a.version, relations } })).updatePolicyAction;
    // Two links: rel-b REVOKES rel-a.
    expect((await update([link('SUPERSEDES', 'POLICY_ACTION', 'rel-b')])).userErrors).toEqual([
      {
        field: ['input', 'relations', '0', 'target'],
        code: 'INVALID',
        message:
          'SUPERSEDES policy action "rel-b" closes a cycle of REVOKES and SUPERSEDES links (rel-a SUPERSEDES rel-b, rel-b REVOKES rel-a): such links may not lead back to where they start',
      },
    ]);
    // Three: the store is read link by link, rel-c -> rel-b -> rel-a.
    const three = await update([link('RESPONDS_TO', 'RELEASE', 'llama-2'), link('REVOKES', 'POLICY_ACTION', 'rel-c')]);
    expect(three.userErrors).toContainEqual({
      field: ['input', 'relations', '1', 'target'],
      code: 'INVALID',
      message:
        'REVOKES policy action "rel-c" closes a cycle of REVOKES and SUPERSEDES links (rel-a REVOKES rel-c, rel-c SUPERSEDES rel-b, rel-b REVOKES rel-a): such links may not lead back to where they start',
    });
    expect(await current('rel-a')).toEqual(a);

    // Other kinds of link may come back round: rel-a AMENDS rel-c is fine (and kept in the history).
    const amends = await update([link('AMENDS', 'POLICY_ACTION', 'rel-c', 'A later change.')]);
    expect(amends.userErrors).toEqual([]);
    expect(amends.policyAction).toMatchObject({
      version: a.version + 1,
      relations: [{ type: 'AMENDS', note: 'A later change.', event: { slug: 'rel-c' } }],
    });
    const { policyAction } = await api.gql('{ policyAction(slug: "rel-a") { history { nodes { operation after changedFields } } } }');
    expect(policyAction.history.nodes[0]).toMatchObject({
      operation: 'UPDATE',
      changedFields: ['relations'],
      after: { relations: [{ type: 'AMENDS', targetType: 'POLICY_ACTION', target: 'rel-c', note: 'A later change.' }] },
    });
    const cleared = await editor.gql(UPDATE_ACTION, { input: { id: a.id, version: a.version + 1, relations: [] } });
    expect(cleared.updatePolicyAction).toMatchObject({ userErrors: [], policyAction: { relations: [] } });
  });

  it('refuses a revocation or implementation dated before its target, from either end', async () => {
    const early = async (type: string, date = '2024-01-01', datePrecision = 'DAY') =>
      (await editor.gql(CREATE_ACTION, { input: action('rel-early', date, [link(type, 'POLICY_ACTION', 'rel-b')], { datePrecision }) }))
        .createPolicyAction;
    expect((await early('REVOKES')).userErrors).toEqual([
      {
        field: ['input', 'relations', '0', 'target'],
        code: 'INVALID',
        message:
          'REVOKES policy action "rel-b" is dated 2024-06-01, after this policy action (2024-01-01): what an event revokes or implements comes before it',
      },
    ]);
    expect((await early('IMPLEMENTS')).userErrors).toEqual([expect.objectContaining({ field: ['input', 'relations', '0', 'target'] })]);
    expect((await api.gql('{ policyAction(slug: "rel-early") { id } }')).policyAction).toBeNull();
    // Known to the year only, 2024 may have come after June: not refused.
    const inTheYear = await early('IMPLEMENTS', '2024-01-01', 'YEAR');
    expect(inTheYear).toMatchObject({ userErrors: [], policyAction: { slug: 'rel-early', date: '2024-01-01' } });
    const deleted = await editor.gql(DELETE_ACTION, { input: { id: inTheYear.policyAction.id, version: 1 } });
    expect(deleted.deletePolicyAction.userErrors).toEqual([]);

    // The target moving after what revokes it: rel-b (2024-06-01) REVOKES rel-a.
    const a = await current('rel-a');
    const moved = await editor.gql(UPDATE_ACTION, { input: { id: a.id, version: a.version, date: '2024-07-01' } });
    expect(moved.updatePolicyAction.userErrors).toEqual([
      {
        field: ['input', 'date'],
        code: 'INVALID',
        message:
          'policy action "rel-b" (2024-06-01) REVOKES this policy action, which would then be dated after it (2024-07-01): what an event revokes or implements comes before it',
      },
    ]);
    expect(await current('rel-a')).toEqual(a);
    // The same month as its revocation, known to the month only: not refused.
    const sameMonth = await editor.gql(UPDATE_ACTION, {
      input: { id: a.id, version: a.version, date: '2024-06-01', datePrecision: 'MONTH' },
    });
    expect(sameMonth.updatePolicyAction.userErrors).toEqual([]);
  });

  it('refuses to delete an event that others link to, naming them; deleting the source takes its links', async () => {
    const remove = async (slug: string) => {
      const { id, version } = await current(slug);
      return (await editor.gql(DELETE_ACTION, { input: { id, version } })).deletePolicyAction;
    };
    expect((await remove('rel-a')).userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'IN_USE',
        message: 'the policy action "rel-a" is still referred to by policy actions (in relations) rel-b; change or delete those first',
      },
    ]);
    const b = await remove('rel-b');
    expect(b.userErrors).toHaveLength(1);
    expect(b.userErrors[0].code).toBe('IN_USE');
    for (const referrer of [
      'releases (in relations) rel-model',
      'policy positions (in relations) rel-position',
      'policy actions (in relations) rel-c',
    ])
      expect(b.userErrors[0].message).toContain(referrer);

    const { id: cId } = await api.store.db.selectFrom('policy_actions').select('id').where('slug', '=', 'rel-c').executeTakeFirstOrThrow();
    expect((await remove('rel-c')).userErrors).toEqual([]);
    const left = await api.store.db
      .selectFrom('event_relations')
      .select('ordinal')
      .where('source_type', '=', 'POLICY_ACTION')
      .where('source_id', '=', cId)
      .execute();
    expect(left).toEqual([]);
    const { policyAction } = await api.gql('{ policyAction(slug: "rel-b") { referencedBy { event { slug } } } }');
    expect(policyAction.referencedBy.map((r: { event: { slug: string } }) => r.event.slug)).toEqual(['rel-position', 'rel-model']);
  });

  it('keeps relations in seed format, and seed:export writes them as YAML that reads back the same', async () => {
    const [b] = await readRecords(api.store.db, 'policyActions', ['rel-b']);
    expect(b!.value.relations).toEqual([
      { type: 'REVOKES', targetType: 'POLICY_ACTION', target: 'rel-a', note: 'It revokes the March order.' },
    ]);
    const [a] = await readRecords(api.store.db, 'policyActions', ['rel-a']);
    expect(a!.value).not.toHaveProperty('relations');

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relations-export-'));
    try {
      const dir = path.join(tmp, 'seed');
      fs.cpSync('seed', dir, { recursive: true });
      await exportSeed(api.store.db, api.store.adapter, dir);
      const files = () => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
      const first = files();
      expect(first['positions.yaml']).toContain(
        [
          '    relations:',
          '      - type: RESPONDS_TO',
          '        targetType: POLICY_ACTION',
          '        target: rel-b',
          '        note: >-',
          '          Written in answer to the order it names, and long enough that the seed',
          '          file folds it over more than one line of text.',
        ].join('\n'),
      );
      // An empty list is left out.
      const aBlock = first['policy-actions.yaml'].split('\n\n').find((block) => block.includes('slug: rel-a\n'))!;
      expect(aBlock).not.toContain('relations:');

      const reread = loadSeedDir(dir);
      for (const key of ['releases', 'policyPositions', 'policyActions'] as const) {
        const stored = (await readRecords(api.store.db, key)).map((r) => r.value);
        const bySlug = reread[key].map((r) => r.value).sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
        expect(bySlug).toEqual(stored);
      }
      await exportSeed(api.store.db, api.store.adapter, dir);
      expect(files()).toEqual(first);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  describe('nested reads', () => {
    const ORG = 'rel-bench';
    const QUERY = `query ($first: Int) {
      timeline(filter: { organizations: ["${ORG}"] }, first: $first) {
        nodes {
          slug
          relations { type event { slug relations { type event { slug } } } }
          referencedBy { type event { slug } }
        }
      }
    }`;

    beforeAll(async () => {
      const { createOrganization } = await editor.gql(CREATE_ORG, { input: { slug: ORG, name: 'Bench Parliament', kind: 'GOVERNMENT' } });
      expect(createOrganization.userErrors).toEqual([]);
      // 30 acts, each answering a release, a position and the act before it (the first, a seeded order).
      for (let i = 0; i < 30; i++) {
        const day = new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
        await created(
          action(
            `bench-${i}`,
            day,
            [
              link('RESPONDS_TO', 'RELEASE', i % 2 ? 'llama-2' : 'code-llama'),
              link('RESPONDS_TO', 'POLICY_POSITION', 'zuckerberg-open-source-ai-path-forward'),
              link('AMENDS', 'POLICY_ACTION', i ? `bench-${i - 1}` : 'us-eo-14110'),
            ],
            { organization: ORG },
          ),
        );
      }
    });

    it('costs the same statements for a page of 5 events as for 30, two levels deep', async () => {
      api.store.resetCount();
      const five = (await api.gql(QUERY, { first: 5 })).timeline.nodes;
      const fiveCount = api.store.statements();
      api.store.resetCount();
      const thirty = (await api.gql(QUERY, { first: 30 })).timeline.nodes;
      const thirtyCount = api.store.statements();

      expect(five).toHaveLength(5);
      expect(thirty).toHaveLength(30);
      const links = (nodes: any[]) =>
        nodes.flatMap((n) => [...n.referencedBy, ...n.relations.flatMap((r: any) => [r, ...r.event.relations])]).length;
      expect(links(thirty)).toBeGreaterThan(5 * links(five));
      expect(thirty[3].relations[2]).toEqual({
        type: 'AMENDS',
        event: {
          slug: 'bench-2',
          relations: [
            { type: 'RESPONDS_TO', event: { slug: 'code-llama' } },
            { type: 'RESPONDS_TO', event: { slug: 'zuckerberg-open-source-ai-path-forward' } },
            { type: 'AMENDS', event: { slug: 'bench-1' } },
          ],
        },
      });
      const codeLlama = sidesOf({ type: 'RELEASE', slug: 'code-llama' }, seedEvents()).relations;
      expect(codeLlama.length).toBeGreaterThan(0);
      expect(thirty[0].relations[0].event.relations).toEqual(codeLlama.map(({ type, event }) => ({ type, event: { slug: event.slug } })));
      expect(thirty[3].referencedBy).toEqual([{ type: 'AMENDS', event: { slug: 'bench-4' } }]);
      expect(thirtyCount).toBe(fiveCount);
      // One statement per level for the relation rows of all its events (both ends), then one
      // per kind for the events at their other end; with the organization and the page, 9.
      expect(api.store.sql.filter((q) => q.includes('/* eventRelations */'))).toHaveLength(2);
      expect(thirtyCount).toBeLessThanOrEqual(9);
    });
  });
});

describe('the relation targets', () => {
  it('agree with the registry', () => {
    for (const [type, target] of Object.entries(EVENT_TARGETS)) {
      const def = kindOf(target.key);
      expect({ type, key: target.key, table: target.table, noun: target.noun }).toEqual({
        type: def.subject,
        key: def.key,
        table: def.table,
        noun: def.noun,
      });
      expect(def.timeline?.type).toBe(type);
    }
  });
});
