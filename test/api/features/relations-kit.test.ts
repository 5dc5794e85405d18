import { kindOf } from '../../../src/records/registry';
import { checkAgainst, memoryLookup, readAll } from '../../../src/records/rules';
import { EVENT_TARGETS, EVENT_TYPES } from '../../../src/relations/relation.targets';
import { applySeed } from '../../../src/seed/seed.apply';
import { seed, STORE_KINDS, TestApi } from '../../support/harness';

/*
 * Relations through the record kit, on both stores: the cycle rule over chains of any
 * length (read from the store in one statement, refused whatever the length, with the
 * message the seed check gives), the shared table narrowed to one kind's rows when records
 * of another kind have the same row ids, and the statements nested relations cost per
 * level.
 */

const ERRORS = 'userErrors { field message code }';
const ACTION = 'id slug version relations { type event { slug } }';
const CREATE_ACTION = `mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { policyAction { ${ACTION} } ${ERRORS} } }`;
const UPDATE_ACTION = `mutation ($input: UpdatePolicyActionInput!) { updatePolicyAction(input: $input) { policyAction { ${ACTION} } ${ERRORS} } }`;
const DELETE_ACTION = `mutation ($input: DeletePolicyActionInput!) { deletePolicyAction(input: $input) { deletedId ${ERRORS} } }`;
const CREATE_RELEASE = `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { id slug version } ${ERRORS} } }`;
const DELETE_RELEASE = `mutation ($input: DeleteReleaseInput!) { deleteRelease(input: $input) { deletedId ${ERRORS} } }`;
const CREATE_ORG = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } ${ERRORS} } }`;

type Link = { type: string; targetType: string; target: string };
const link = (type: string, targetType: string, target: string): Link => ({ type, targetType, target });
const action = (slug: string, date: string, relations: Link[] = [], organization = 'us-white-house') => ({
  slug,
  title: `Kit order ${slug}`,
  date,
  datePrecision: 'DAY',
  kind: 'EXECUTIVE_ORDER',
  status: 'IN_FORCE',
  jurisdiction: 'US',
  organization,
  openWeights: 'NOT_ADDRESSED',
  relations,
  sources: [{ url: `https://example.org/relations-kit/${slug}`, title: `About ${slug}` }],
});
const release = (slug: string, relations: Link[] = []) => ({
  slug,
  name: `Kit ${slug}`,
  artifactType: 'MODEL',
  organization: 'meta',
  date: '2024-08-01',
  datePrecision: 'DAY',
  accessLevel: 'API',
  relations,
  sources: [{ url: `https://example.org/relations-kit/${slug}`, title: `About ${slug}` }],
});

/** Longer than any bound on how far a chain used to be followed (1000 records). */
const CHAIN = 1100;

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  let editor: TestApi;
  const mutate = async (query: string, input: Record<string, unknown>) => Object.values(await editor.gql(query, { input }))[0] as any;
  const created = async (input: Record<string, unknown>) => {
    const result = await mutate(CREATE_ACTION, input);
    expect(result.userErrors).toEqual([]);
    return result.policyAction;
  };
  const current = async (slug: string) => (await api.gql(`{ policyAction(slug: "${slug}") { ${ACTION} } }`)).policyAction;

  beforeAll(async () => {
    api = await TestApi.create(kind);
    editor = await api.withKey('EDITOR', 'ada');
  });
  afterAll(() => api.close());

  describe('messages', () => {
    it('says where a target given the wrong type is, from the mutations and the seed check alike', async () => {
      const input = action('kit-astray', '2025-03-01', [
        link('RESPONDS_TO', 'RELEASE', 'us-eo-14110'),
        link('RESPONDS_TO', 'RELEASE', 'no-such-event'),
      ]);
      const refused = await mutate(CREATE_ACTION, input);
      const messages = [
        'unknown release "us-eo-14110": no release has that slug (us-eo-14110 is a policy action)',
        'unknown release "no-such-event": no release has that slug',
      ];
      expect(refused.userErrors).toEqual(
        messages.map((message, i) => ({ field: ['input', 'relations', String(i), 'target'], code: 'NOT_FOUND', message })),
      );
      const all = await readAll(api.store.db);
      const { datePrecision: _, ...seedFormat } = input;
      const problems = checkAgainst('policyActions', kindOf('policyActions').schema.parse(seedFormat), memoryLookup(all));
      expect(problems.map((p) => p.message)).toEqual(messages);
    });

    it('reports a date rule at datePrecision when only the precision was given', async () => {
      // A revocation stored around the rules (as a race could before event writes waited for
      // each other): kit-late (2024-09-01) is revoked by kit-early (2024-06-01).
      const late = await created(action('kit-late', '2024-09-01'));
      await created(action('kit-early', '2024-06-01'));
      const idOf = async (slug: string) =>
        (await api.store.db.selectFrom('policy_actions').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      await api.store.db
        .insertInto('event_relations')
        .values({
          source_type: 'POLICY_ACTION',
          source_id: await idOf('kit-early'),
          ordinal: 0,
          relation_type: 'REVOKES',
          target_type: 'POLICY_ACTION',
          target_id: await idOf('kit-late'),
          note: null,
        })
        .execute();
      const message = (date: string) =>
        `policy action "kit-early" (2024-06-01) REVOKES this policy action, which would then be dated after it (${date}): what an event revokes or implements comes before it`;
      const precision = await mutate(UPDATE_ACTION, { id: late.id, version: late.version, datePrecision: 'MONTH' });
      expect(precision.userErrors).toEqual([{ field: ['input', 'datePrecision'], code: 'INVALID', message: message('2024-09') }]);
      const date = await mutate(UPDATE_ACTION, { id: late.id, version: late.version, date: '2024-10-01' });
      expect(date.userErrors).toEqual([{ field: ['input', 'date'], code: 'INVALID', message: message('2024-10-01') }]);
      const both = await mutate(UPDATE_ACTION, { id: late.id, version: late.version, date: '2024-10-01', datePrecision: 'MONTH' });
      expect(both.userErrors).toEqual([{ field: ['input', 'date'], code: 'INVALID', message: message('2024-10') }]);
      // Put right, so the store keeps the rules for the tests after.
      await api.store.db
        .deleteFrom('event_relations')
        .where('source_type', '=', 'POLICY_ACTION')
        .where('source_id', '=', await idOf('kit-early'))
        .execute();
    });
  });

  describe('the shared table', () => {
    const idOf = async (table: 'releases' | 'policy_actions', slug: string) =>
      (await api.store.db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    /**
     * A release and a policy action with the same row id: made by `makeRelease` and
     * `makeAction`, one more of whichever kind is behind until their ids meet (ids grow by one
     * a record).
     */
    async function twins(
      prefix: string,
      makeRelease: (slug: string) => Record<string, unknown>,
      makeAction: (slug: string) => Record<string, unknown>,
    ) {
      let made = 0;
      const next = async (table: 'releases' | 'policy_actions') => {
        const slug = `${prefix}-${made++}`;
        const result = await mutate(
          table === 'releases' ? CREATE_RELEASE : CREATE_ACTION,
          table === 'releases' ? makeRelease(slug) : makeAction(slug),
        );
        expect(result.userErrors).toEqual([]);
        return { slug, id: await idOf(table, slug) };
      };
      let r = await next('releases');
      let a = await next('policy_actions');
      while (r.id !== a.id && made < 200) {
        if (r.id < a.id) r = await next('releases');
        else a = await next('policy_actions');
      }
      expect(r.id).toBe(a.id);
      return { id: r.id, release: r.slug, action: a.slug };
    }
    const rowsOf = (type: string, side: 'source_id' | 'target_id', id: number) =>
      api.store.db
        .selectFrom('event_relations')
        .select(['source_type', 'relation_type', 'target_type'])
        .where(side === 'source_id' ? 'source_type' : 'target_type', '=', type as never)
        .where(side, '=', id)
        .orderBy('ordinal')
        .execute();

    it("rewrites and deletes one kind's links only, when another kind's event has the same row id", async () => {
      const twin = await twins(
        'twin',
        (slug) => release(slug, [link('BASED_ON', 'RELEASE', 'llama-2')]),
        (slug) => action(slug, '2024-01-01', [link('RESPONDS_TO', 'RELEASE', 'llama-2')]),
      );
      const releaseRows = [{ source_type: 'RELEASE', relation_type: 'BASED_ON', target_type: 'RELEASE' }];
      expect(await rowsOf('RELEASE', 'source_id', twin.id)).toEqual(releaseRows);

      // The policy action's links replaced, then its other fields only (its rows rewritten), then the action deleted.
      const a = await current(twin.action);
      const replaced = await mutate(UPDATE_ACTION, {
        id: a.id,
        version: a.version,
        relations: [link('AMENDS', 'POLICY_ACTION', 'us-eo-14110')],
      });
      expect(replaced.userErrors).toEqual([]);
      expect(await rowsOf('RELEASE', 'source_id', twin.id)).toEqual(releaseRows);
      const retitled = await mutate(UPDATE_ACTION, { id: a.id, version: a.version + 1, title: 'Kit order, retitled' });
      expect(retitled.userErrors).toEqual([]);
      expect(await rowsOf('POLICY_ACTION', 'source_id', twin.id)).toEqual([
        { source_type: 'POLICY_ACTION', relation_type: 'AMENDS', target_type: 'POLICY_ACTION' },
      ]);
      expect(await rowsOf('RELEASE', 'source_id', twin.id)).toEqual(releaseRows);
      const deleted = await mutate(DELETE_ACTION, { id: a.id, version: a.version + 2 });
      expect(deleted.userErrors).toEqual([]);
      expect(await rowsOf('POLICY_ACTION', 'source_id', twin.id)).toEqual([]);
      expect(await rowsOf('RELEASE', 'source_id', twin.id)).toEqual(releaseRows);
      const { release: read } = await api.gql(`{ release(slug: "${twin.release}") { relations { type event { slug } } } }`);
      expect(read.relations).toEqual([{ type: 'BASED_ON', event: { slug: 'llama-2' } }]);
    });

    it('deletes a release that no event links to, though links to a policy action with the same row id exist', async () => {
      const twin = await twins(
        'target',
        (slug) => release(slug),
        (slug) => action(slug, '2024-01-01'),
      );
      await created(action('links-to-twin', '2024-02-01', [link('REVOKES', 'POLICY_ACTION', twin.action)]));
      expect(await rowsOf('POLICY_ACTION', 'target_id', twin.id)).toHaveLength(1);
      const { release: r } = await api.gql(`{ release(slug: "${twin.release}") { id version } }`);
      const deleted = await mutate(DELETE_RELEASE, { id: r.id, version: r.version });
      expect(deleted.userErrors).toEqual([]);
      // And the policy action it shared an id with is still in use.
      const a = await current(twin.action);
      const refused = await mutate(DELETE_ACTION, { id: a.id, version: a.version });
      expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'IN_USE' })]);
      expect(await rowsOf('POLICY_ACTION', 'target_id', twin.id)).toHaveLength(1);
    });
  });

  describe('nested reads', () => {
    const ORG = 'kit-bench';
    // Alternating ends, one level more each time, on a page of the bench's acts.
    const LEVELS = [
      'slug',
      'slug referencedBy { event { slug } }',
      'slug referencedBy { event { slug referencedBy { event { slug } } } }',
      'slug referencedBy { event { slug referencedBy { event { slug relations { event { slug } } } } } }',
      'slug referencedBy { event { slug referencedBy { event { slug relations { event { slug relations { event { slug } } } } } } } }',
    ];
    const query = (selection: string) =>
      `query ($first: Int) { timeline(filter: { organizations: ["${ORG}"] }, first: $first) { nodes { ${selection} } } }`;

    beforeAll(async () => {
      const org = await mutate(CREATE_ORG, { slug: ORG, name: 'Kit Parliament', kind: 'GOVERNMENT' });
      expect(org.userErrors).toEqual([]);
      // 30 acts, each answering a release, a position and the act before it (the first, a seeded order).
      for (let i = 0; i < 30; i++) {
        const day = new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
        await created(
          action(
            `kit-${i}`,
            day,
            [
              link('RESPONDS_TO', 'RELEASE', i % 2 ? 'llama-2' : 'code-llama'),
              link('RESPONDS_TO', 'POLICY_POSITION', 'zuckerberg-open-source-ai-path-forward'),
              link('AMENDS', 'POLICY_ACTION', i ? `kit-${i - 1}` : 'us-eo-14110'),
            ],
            ORG,
          ),
        );
      }
    });

    it('costs at most a statement for the links and one per event kind for each level, whatever the page size', async () => {
      const cost = async (selection: string, first: number) => {
        api.store.resetCount();
        const { nodes } = (await api.gql(query(selection), { first })).timeline;
        expect(nodes).toHaveLength(first);
        return { statements: api.store.statements(), links: api.store.sql.filter((q) => q.includes('/* eventRelations */')).length, nodes };
      };
      const perLevel = 1 + EVENT_TYPES.length;
      for (const first of [5, 30]) {
        const base = (await cost(LEVELS[0]!, first)).statements;
        for (const [levels, selection] of LEVELS.entries()) {
          const { statements, links } = await cost(selection, first);
          // At most one for the links of a level (none when every event's were read at the level above).
          expect(links).toBeLessThanOrEqual(levels);
          expect(statements).toBeLessThanOrEqual(base + perLevel * levels);
        }
      }
      // Nesting does reach new events: kit-3 is amended by kit-4, which kit-5 amends, which names kit-4 back.
      const { nodes } = await cost(LEVELS[3]!, 30);
      const kit3 = nodes.find((n: { slug: string }) => n.slug === 'kit-3');
      expect(kit3.referencedBy).toEqual([
        {
          event: {
            slug: 'kit-4',
            referencedBy: [
              {
                event: {
                  slug: 'kit-5',
                  relations: [
                    { event: { slug: 'llama-2' } },
                    { event: { slug: 'zuckerberg-open-source-ai-path-forward' } },
                    { event: { slug: 'kit-4' } },
                  ],
                },
              },
            ],
          },
        },
      ]);
    });
  });

  describe('a chain of REVOKES and SUPERSEDES links of any length', () => {
    beforeAll(async () => {
      // chain-i SUPERSEDES chain-(i-1): written by the seed, whose check holds every record in memory.
      const data = structuredClone(seed());
      const base = data.policyActions.find((a) => a.value.slug === 'us-eo-14110')!;
      for (let i = 0; i < CHAIN; i++) {
        const value = { ...base.value, slug: `chain-${i}`, relations: undefined as unknown };
        if (i) value.relations = [{ type: 'SUPERSEDES', targetType: 'POLICY_ACTION', target: `chain-${i - 1}` }];
        else delete value.relations;
        data.policyActions.push({ ...base, value: value as typeof base.value });
      }
      await applySeed(api.store, data);
    }, 120_000);

    it('is followed to its end: a link closing it is refused, with the message the seed check gives', async () => {
      const first = await current('chain-0');
      const closing = [link('SUPERSEDES', 'POLICY_ACTION', `chain-${CHAIN - 1}`)];
      const refused = await mutate(UPDATE_ACTION, { id: first.id, version: first.version, relations: closing });
      const message = `SUPERSEDES policy action "chain-${CHAIN - 1}" closes a cycle of REVOKES and SUPERSEDES links (chain-0 SUPERSEDES chain-${CHAIN - 1}, chain-${CHAIN - 1} SUPERSEDES chain-${CHAIN - 2}, chain-${CHAIN - 2} SUPERSEDES chain-${CHAIN - 3}, chain-${CHAIN - 3} SUPERSEDES chain-${CHAIN - 4}, chain-${CHAIN - 4} SUPERSEDES chain-${CHAIN - 5}, chain-${CHAIN - 5} SUPERSEDES chain-${CHAIN - 6}, ... ${CHAIN - 9} more ..., chain-3 SUPERSEDES chain-2, chain-2 SUPERSEDES chain-1, chain-1 SUPERSEDES chain-0): such links may not lead back to where they start`;
      expect(refused).toEqual({
        policyAction: null,
        userErrors: [{ field: ['input', 'relations', '0', 'target'], code: 'INVALID', message }],
      });
      expect(await current('chain-0')).toEqual(first);

      // The seed check and a re-seed judge the same record against every record in memory.
      const all = await readAll(api.store.db);
      const stored = all.policyActions.find((a) => a.slug === 'chain-0')!;
      const problems = checkAgainst('policyActions', { ...stored, relations: closing } as typeof stored, memoryLookup(all));
      expect(problems).toEqual([{ path: ['relations', 0, 'target'], code: 'INVALID', message }]);
    });

    it('is read in statements that do not grow with its length', async () => {
      const cost = async (slug: string, target: string) => {
        api.store.resetCount();
        await created(action(slug, '2024-01-01', [link('SUPERSEDES', 'POLICY_ACTION', target)]));
        return { statements: api.store.statements(), chains: api.store.sql.filter((q) => q.includes('/* eventChain */')).length };
      };
      const one = await cost('after-chain-1', 'chain-0');
      const sixty = await cost('after-chain-60', 'chain-59');
      const all = await cost('after-chain-all', `chain-${CHAIN - 1}`);
      expect(sixty.statements).toBeLessThanOrEqual(one.statements + 2);
      expect(all.statements).toBeLessThanOrEqual(one.statements + 2);
      expect(sixty.statements).toBeLessThan(60);
      expect(sixty.chains).toBe(1);
    });
  });
});

describe('relations in seed format', () => {
  it('are refused as an empty list: an event without links has no relations field', () => {
    const [stored] = seed().policyActions.filter((a) => !('relations' in a.value));
    const parsed = kindOf('policyActions').schema.safeParse({ ...stored!.value, relations: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['relations'], message: 'leave relations out rather than listing none' },
    ]);
    expect(kindOf('policyActions').schema.safeParse(stored!.value).success).toBe(true);
  });
});

describe('the kinds with a chain', () => {
  it('are the timeline event kinds, every one', () => {
    for (const type of EVENT_TYPES) expect(kindOf(EVENT_TARGETS[type].key).chain).toBeDefined();
  });
});
