import { parse } from 'yaml';
import { EVENT_TARGETS, EVENT_TYPES } from '../../src/relations/relation.targets';
import { readRecords } from '../../src/records/read';
import { applySeed, SeedRefusedError } from '../../src/seed/seed.apply';
import { parseSeed, readSeedDir, SeedValidationError, type SeedData, type SeedIssue, type SeedText } from '../../src/seed/seed.loader';
import { createTestStore, STORE_KINDS, TestApi } from '../support/harness';

/*
 * Relations in the seed files: the seed check refuses what the mutations refuse, with the
 * same messages; links may name records of kinds written after their own; a re-seed that
 * would break a relation rule with the curated records kept is refused. The rules are
 * tried on orders of a file of the test's own, read beside the committed seed.
 */

/** The committed seed files, and `extra` files beside them. */
const files = (...extra: SeedText[]): SeedText[] => [...readSeedDir('seed'), ...extra];

const FIXTURE = 'fixture.yaml';
type Order = { slug: string; date: string; relations?: string[][] };

/** A seed file of executive orders (`relations: []` written as such), read after the committed ones. */
const orders = (...list: Order[]): SeedText => ({
  name: FIXTURE,
  text:
    [
      'policyActions:',
      ...list.flatMap(({ slug, date, relations }) => [
        `  - slug: ${slug}`,
        `    title: Test order ${slug}`,
        `    date: "${date}"`,
        '    kind: EXECUTIVE_ORDER',
        '    status: IN_FORCE',
        '    jurisdiction: US',
        '    organization: us-white-house',
        '    openWeights: NOT_ADDRESSED',
        ...(relations === undefined ? [] : relations.length ? ['    relations:', ...relations.flat()] : ['    relations: []']),
        '    sources:',
        `      - url: https://example.org/seed-relations/${slug}`,
        `        title: About ${slug}`,
      ]),
    ].join('\n') + '\n',
});
const link = (type: string, targetType: string, target: string) => [
  `      - type: ${type}`,
  `        targetType: ${targetType}`,
  `        target: ${target}`,
];

/** The timeline events in parsed seed files, each with its links. */
type Related = { file: string; value: { slug: string; relations?: unknown[] } };
const eventsIn = (data: SeedData) => EVENT_TYPES.flatMap((type): Related[] => data[EVENT_TARGETS[type].key]);
const linksIn = (data: SeedData) => eventsIn(data).flatMap((r) => r.value.relations ?? []);

function issuesOf(texts: SeedText[]): Array<Pick<SeedIssue, 'file' | 'path' | 'message'>> {
  try {
    parseSeed(texts);
  } catch (err) {
    if (err instanceof SeedValidationError) return err.issues.map(({ file, path, message }) => ({ file, path, message }));
    throw err;
  }
  throw new Error('expected the seed to be rejected');
}

describe('relations in the seed check', () => {
  it('accepts the committed seed with its relations, each as written', () => {
    const data = parseSeed(files());
    // Every event's links against the YAML itself: same order, same notes (folded blocks unfolded), none left out as no field.
    let links = 0;
    for (const { name, text } of readSeedDir('seed')) {
      const raw = parse(text) as Record<string, Array<Record<string, unknown>> | undefined>;
      for (const type of EVENT_TYPES) {
        const { key } = EVENT_TARGETS[type];
        for (const record of raw[key] ?? []) {
          const read = eventsIn(data).find((r) => r.file === name && r.value.slug === record.slug)!;
          expect(read).toBeDefined();
          if (record.relations === undefined) expect(read.value).not.toHaveProperty('relations');
          else expect(read.value.relations).toEqual(record.relations);
          links += (read.value.relations ?? []).length;
        }
      }
    }
    expect(links).toBe(linksIn(data).length);
    expect(links).toBeGreaterThan(0);
  });

  it('refuses an unknown target and a link to itself, as the mutations do', () => {
    const unknown = issuesOf(
      files(orders({ slug: 'order-a', date: '2024-03-01', relations: [link('REVOKES', 'POLICY_ACTION', 'no-such-order')] })),
    );
    expect(unknown).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[0].relations[0].target',
        message: 'unknown policy action "no-such-order": no policy action has that slug',
      },
    ]);
    // The type names where to look: order-a is a policy action, not a release.
    const wrongKind = issuesOf(
      files(
        orders(
          { slug: 'order-a', date: '2024-03-01' },
          { slug: 'order-b', date: '2024-06-01', relations: [link('RESPONDS_TO', 'RELEASE', 'order-a')] },
        ),
      ),
    );
    expect(wrongKind).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[1].relations[0].target',
        message: 'unknown release "order-a": no release has that slug (order-a is a policy action)',
      },
    ]);
    const itself = issuesOf(
      files(
        orders(
          { slug: 'order-a', date: '2024-03-01' },
          { slug: 'order-b', date: '2024-06-01', relations: [link('AMENDS', 'POLICY_ACTION', 'order-b')] },
        ),
      ),
    );
    expect(itself).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[1].relations[0].target',
        message: 'an event cannot be related to itself',
      },
    ]);
  });

  it('takes no links as no field: an empty list is refused', () => {
    const none = parseSeed(files(orders({ slug: 'order-a', date: '2024-03-01' })));
    expect(none.policyActions.find((a) => a.value.slug === 'order-a')!.value).not.toHaveProperty('relations');
    const empty = issuesOf(files(orders({ slug: 'order-a', date: '2024-03-01' }, { slug: 'order-b', date: '2024-06-01', relations: [] })));
    expect(empty).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[1].relations',
        message: 'leave relations out rather than listing none',
      },
    ]);
  });

  it('refuses a link listed twice', () => {
    const revokes = link('REVOKES', 'POLICY_ACTION', 'order-a');
    const twice = issuesOf(
      files(orders({ slug: 'order-a', date: '2024-03-01' }, { slug: 'order-b', date: '2024-06-01', relations: [revokes, revokes] })),
    );
    expect(twice).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[1].relations[1]',
        message: 'REVOKES policy action "order-a" is listed twice (first at relations[0]); list each link once',
      },
    ]);
  });

  it('refuses a cycle of REVOKES and SUPERSEDES links, at every record on it', () => {
    const cycle = issuesOf(
      files(
        orders(
          { slug: 'order-a', date: '2024-03-01', relations: [link('SUPERSEDES', 'POLICY_ACTION', 'order-b')] },
          { slug: 'order-b', date: '2024-06-01', relations: [link('REVOKES', 'POLICY_ACTION', 'order-a')] },
        ),
      ),
    );
    expect(cycle).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[0].relations[0].target',
        message:
          'SUPERSEDES policy action "order-b" closes a cycle of REVOKES and SUPERSEDES links (order-a SUPERSEDES order-b, order-b REVOKES order-a): such links may not lead back to where they start',
      },
      {
        file: FIXTURE,
        path: 'policyActions[1].relations[0].target',
        message:
          'REVOKES policy action "order-a" closes a cycle of REVOKES and SUPERSEDES links (order-b REVOKES order-a, order-a SUPERSEDES order-b): such links may not lead back to where they start',
      },
    ]);
  });

  it('refuses a revocation dated before what it revokes, wherever the date was changed', () => {
    const early = issuesOf(
      files(
        orders(
          {
            slug: 'order-a',
            date: '2024-02-21',
            relations: [link('RESPONDS_TO', 'POLICY_ACTION', 'order-b'), link('REVOKES', 'POLICY_ACTION', 'order-b')],
          },
          { slug: 'order-b', date: '2025-07-23' },
        ),
      ),
    );
    expect(early).toEqual([
      {
        file: FIXTURE,
        path: 'policyActions[0].relations[1].target',
        message:
          'REVOKES policy action "order-b" is dated 2025-07-23, after this policy action (2024-02-21): what an event revokes or implements comes before it',
      },
    ]);
    // The target moved: every record revoking or implementing it is refused, and nothing else.
    const around = (date: string) =>
      orders(
        { slug: 'order-target', date },
        { slug: 'order-revoking', date: '2025-01-20', relations: [link('REVOKES', 'POLICY_ACTION', 'order-target')] },
        { slug: 'order-responding', date: '2025-01-23', relations: [link('RESPONDS_TO', 'POLICY_ACTION', 'order-target')] },
        { slug: 'order-implementing', date: '2024-07-30', relations: [link('IMPLEMENTS', 'POLICY_ACTION', 'order-target')] },
        { slug: 'order-same-month', date: '2025-02-14', relations: [link('IMPLEMENTS', 'POLICY_ACTION', 'order-target')] },
      );
    expect(parseSeed(files(around('2023-10-30'))).policyActions.filter((a) => a.file === FIXTURE)).toHaveLength(5);
    const moved = issuesOf(files(around('2025-02')));
    expect(moved.map((i) => i.path).sort()).toEqual(['policyActions[1].relations[0].target', 'policyActions[3].relations[0].target']);
  });
});

describe.each(STORE_KINDS)('relations when seeding on %s', (kind) => {
  const forward: SeedText = {
    name: 'forward.yaml',
    text: `releases:
  - slug: answer-model
    name: Answer Model
    title: A model released in answer to the EU AI Act
    artifactType: MODEL
    organization: meta
    date: "2025-08-01"
    accessLevel: API
    relations:
      - type: RESPONDS_TO
        targetType: POLICY_ACTION
        target: eu-ai-act
      - type: RESPONDS_TO
        targetType: POLICY_POSITION
        target: zuckerberg-open-source-ai-path-forward
    sources:
      - url: https://example.org/answer-model
        title: Answer Model
`,
  };

  it('writes links to kinds written after the source, and leaves them alone the second time', async () => {
    const store = await createTestStore({ seeded: false, kind });
    try {
      await applySeed(store, parseSeed(files(forward)));
      const [model] = await readRecords(store.db, 'releases', ['answer-model']);
      expect(model!.value.relations).toEqual([
        { type: 'RESPONDS_TO', targetType: 'POLICY_ACTION', target: 'eu-ai-act' },
        { type: 'RESPONDS_TO', targetType: 'POLICY_POSITION', target: 'zuckerberg-open-source-ai-path-forward' },
      ]);
      const again = await applySeed(store, parseSeed(files(forward)));
      for (const tally of Object.values(again)) expect(tally).toMatchObject({ inserted: 0, updated: 0 });
      // One row per link: the committed seed's, and the two here.
      const rows = await store.db.selectFrom('event_relations').select('source_type').execute();
      expect(rows).toHaveLength(linksIn(parseSeed(files())).length + 2);
    } finally {
      await store.close();
    }
  });

  it('refuses a re-seed that would break a relation rule with a curated record, with the rule’s message', async () => {
    const api = await TestApi.create(kind);
    try {
      // A seeded order of the test's own, which a curated order then revokes.
      await applySeed(api.store, parseSeed(files(orders({ slug: 'order-plan', date: '2025-07-23' }))));
      const editor = await api.withKey('EDITOR');
      const { createPolicyAction } = await editor.gql(
        'mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { userErrors { message } } }',
        {
          input: {
            slug: 'curated-revocation',
            title: 'A curated order revoking the plan',
            date: '2025-08-01',
            datePrecision: 'DAY',
            kind: 'EXECUTIVE_ORDER',
            status: 'IN_FORCE',
            jurisdiction: 'US',
            organization: 'us-white-house',
            openWeights: 'NOT_ADDRESSED',
            relations: [{ type: 'REVOKES', targetType: 'POLICY_ACTION', target: 'order-plan' }],
            sources: [{ url: 'https://example.org/curated-revocation', title: 'Curated revocation' }],
          },
        },
      );
      expect(createPolicyAction.userErrors).toEqual([]);
      // The seed files alone are fine: the curated order is not in them.
      const later = parseSeed(files(orders({ slug: 'order-plan', date: '2025-09-01' })));
      const attempt = applySeed(api.store, later);
      await expect(attempt).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(attempt).rejects.toThrow(
        'policy action "curated-revocation" REVOKES policy action "order-plan" is dated 2025-09-01, after this policy action (2025-08-01): what an event revokes or implements comes before it',
      );
      const [plan] = await readRecords(api.store.db, 'policyActions', ['order-plan']);
      expect(plan!.value.date).toBe('2025-07-23');
    } finally {
      await api.close();
    }
  });
});
