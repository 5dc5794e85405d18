import { readRecords } from '../../src/records/read';
import { applySeed, SeedRefusedError } from '../../src/seed/seed.apply';
import { parseSeed, readSeedDir, SeedValidationError, type SeedIssue, type SeedText } from '../../src/seed/seed.loader';
import { createTestStore, STORE_KINDS, TestApi } from '../support/harness';

/*
 * Relations in the seed files: the seed check refuses what the mutations refuse, with the
 * same messages; links may name records of kinds written after their own; a re-seed that
 * would break a relation rule with the curated records kept is refused.
 */

const ACTIONS = 'seed/policy-actions.yaml';

/** The committed seed files, with `edit` applied to the policy actions. */
function files(edit: (text: string) => string = (t) => t, extra: SeedText[] = []): SeedText[] {
  return [...readSeedDir('seed').map((f) => (f.name === ACTIONS ? { ...f, text: edit(f.text) } : f)), ...extra];
}

/** Adds relation lines (YAML, at the record's indentation) to the policy action `slug`, before its sources. */
const relate =
  (slug: string, ...lines: string[]) =>
  (text: string) => {
    const start = text.indexOf(`  - slug: ${slug}\n`);
    const sources = text.indexOf('    sources:\n', start);
    const existing = text.lastIndexOf('    relations:\n', sources);
    const block = existing > start ? lines.join('\n') + '\n' : ['    relations:', ...lines].join('\n') + '\n';
    return text.slice(0, sources) + block + text.slice(sources);
  };
const link = (type: string, targetType: string, target: string) => [
  `      - type: ${type}`,
  `        targetType: ${targetType}`,
  `        target: ${target}`,
];

function issuesOf(texts: SeedText[]): Array<Pick<SeedIssue, 'file' | 'path' | 'message'>> {
  try {
    parseSeed(texts);
  } catch (err) {
    if (err instanceof SeedValidationError) return err.issues.map(({ file, path, message }) => ({ file, path, message }));
    throw err;
  }
  throw new Error('expected the seed to be rejected');
}

/** Index of a policy action in the committed file, for the paths issues name. */
const at = (slug: string) => {
  const text = readSeedDir('seed').find((f) => f.name === ACTIONS)!.text;
  return text.slice(0, text.indexOf(`  - slug: ${slug}\n`)).split('\n  - slug: ').length - 1;
};

describe('relations in the seed check', () => {
  it('accepts the committed seed with its relations', () => {
    const data = parseSeed(files());
    const revoking = data.policyActions.find((a) => a.value.slug === 'us-eo-14148')!;
    expect(revoking.value.relations).toEqual([
      {
        type: 'REVOKES',
        targetType: 'POLICY_ACTION',
        target: 'us-eo-14110',
        note: 'Executive Order 14110 is among the orders it rescinds.',
      },
    ]);
  });

  it('refuses an unknown target and a link to itself, as the mutations do', () => {
    const unknown = issuesOf(
      files((t) =>
        t.replace('        target: us-eo-14110\n        note: Executive', '        target: us-eo-99999\n        note: Executive'),
      ),
    );
    expect(unknown).toEqual([
      {
        file: ACTIONS,
        path: `policyActions[${at('us-eo-14148')}].relations[0].target`,
        message: 'unknown policy action "us-eo-99999": no policy action has that slug',
      },
    ]);
    const wrongKind = issuesOf(files(relate('us-ai-action-plan', ...link('RESPONDS_TO', 'RELEASE', 'us-eo-14179'))));
    expect(wrongKind).toEqual([expect.objectContaining({ message: 'unknown release "us-eo-14179": no release has that slug' })]);
    const itself = issuesOf(files(relate('us-ai-action-plan', ...link('AMENDS', 'POLICY_ACTION', 'us-ai-action-plan'))));
    expect(itself).toEqual([
      {
        file: ACTIONS,
        path: `policyActions[${at('us-ai-action-plan')}].relations[0].target`,
        message: 'an event cannot be related to itself',
      },
    ]);
  });

  it('takes no links as no field: an empty list is refused', () => {
    const empty = issuesOf(files((t) => t.replace('  - slug: us-ai-action-plan\n', '  - slug: us-ai-action-plan\n    relations: []\n')));
    expect(empty).toEqual([
      {
        file: ACTIONS,
        path: `policyActions[${at('us-ai-action-plan')}].relations`,
        message: 'leave relations out rather than listing none',
      },
    ]);
  });

  it('refuses a link listed twice', () => {
    const twice = issuesOf(files(relate('us-eo-14148', ...link('REVOKES', 'POLICY_ACTION', 'us-eo-14110'))));
    expect(twice).toEqual([
      {
        file: ACTIONS,
        path: `policyActions[${at('us-eo-14148')}].relations[1]`,
        message: 'REVOKES policy action "us-eo-14110" is listed twice (first at relations[0]); list each link once',
      },
    ]);
  });

  it('refuses a cycle of REVOKES and SUPERSEDES links, at every record on it', () => {
    const cycle = issuesOf(files(relate('us-eo-14110', ...link('SUPERSEDES', 'POLICY_ACTION', 'us-eo-14148'))));
    expect(cycle).toEqual([
      {
        file: ACTIONS,
        path: `policyActions[${at('us-eo-14110')}].relations[0].target`,
        message:
          'SUPERSEDES policy action "us-eo-14148" closes a cycle of REVOKES and SUPERSEDES links (us-eo-14110 SUPERSEDES us-eo-14148, us-eo-14148 REVOKES us-eo-14110): such links may not lead back to where they start',
      },
      {
        file: ACTIONS,
        path: `policyActions[${at('us-eo-14148')}].relations[0].target`,
        message:
          'REVOKES policy action "us-eo-14110" closes a cycle of REVOKES and SUPERSEDES links (us-eo-14148 REVOKES us-eo-14110, us-eo-14110 SUPERSEDES us-eo-14148): such links may not lead back to where they start',
      },
    ]);
  });

  it('refuses a revocation dated before what it revokes, wherever the date was changed', () => {
    const early = issuesOf(files(relate('us-ntia-open-weights-rfc', ...link('REVOKES', 'POLICY_ACTION', 'us-ai-action-plan'))));
    expect(early).toEqual([
      {
        file: ACTIONS,
        path: `policyActions[${at('us-ntia-open-weights-rfc')}].relations[1].target`,
        message:
          'REVOKES policy action "us-ai-action-plan" is dated 2025-07-23, after this policy action (2024-02-21): what an event revokes or implements comes before it',
      },
    ]);
    // The target moved: every record revoking or implementing it is refused.
    const moved = issuesOf(files((t) => t.replace('\n    date: "2023-10-30"\n', '\n    date: "2025-02"\n')));
    expect(moved.map((i) => i.path).sort()).toEqual(
      [
        `policyActions[${at('us-eo-14148')}].relations[0].target`,
        `policyActions[${at('us-ntia-open-weights-rfc')}].relations[0].target`,
      ].sort(),
    );
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
      await applySeed(store, parseSeed(files(undefined, [forward])));
      const [model] = await readRecords(store.db, 'releases', ['answer-model']);
      expect(model!.value.relations).toEqual([
        { type: 'RESPONDS_TO', targetType: 'POLICY_ACTION', target: 'eu-ai-act' },
        { type: 'RESPONDS_TO', targetType: 'POLICY_POSITION', target: 'zuckerberg-open-source-ai-path-forward' },
      ]);
      const again = await applySeed(store, parseSeed(files(undefined, [forward])));
      for (const tally of Object.values(again)) expect(tally).toMatchObject({ inserted: 0, updated: 0 });
      const rows = await store.db.selectFrom('event_relations').select('source_type').execute();
      expect(rows).toHaveLength(5); // the committed seed's three, and the two here
    } finally {
      await store.close();
    }
  });

  it('refuses a re-seed that would break a relation rule with a curated record, with the rule’s message', async () => {
    const api = await TestApi.create(kind);
    try {
      const editor = await api.withKey('EDITOR');
      const { createPolicyAction } = await editor.gql(
        'mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { userErrors { message } } }',
        {
          input: {
            slug: 'curated-revocation',
            title: 'A curated order revoking the action plan',
            date: '2025-08-01',
            datePrecision: 'DAY',
            kind: 'EXECUTIVE_ORDER',
            status: 'IN_FORCE',
            jurisdiction: 'US',
            organization: 'us-white-house',
            openWeights: 'NOT_ADDRESSED',
            relations: [{ type: 'REVOKES', targetType: 'POLICY_ACTION', target: 'us-ai-action-plan' }],
            sources: [{ url: 'https://example.org/curated-revocation', title: 'Curated revocation' }],
          },
        },
      );
      expect(createPolicyAction.userErrors).toEqual([]);
      // The seed files alone are fine: the curated order is not in them.
      const later = (t: string) => t.replace('\n    date: "2025-07-23"\n', '\n    date: "2025-09-01"\n');
      const attempt = applySeed(api.store, parseSeed(files(later)));
      await expect(attempt).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(attempt).rejects.toThrow(
        'policy action "curated-revocation" REVOKES policy action "us-ai-action-plan" is dated 2025-09-01, after this policy action (2025-08-01): what an event revokes or implements comes before it',
      );
      const [plan] = await readRecords(api.store.db, 'policyActions', ['us-ai-action-plan']);
      expect(plan!.value.date).toBe('2025-07-23');
    } finally {
      await api.close();
    }
  });
});
