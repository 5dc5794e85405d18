import 'reflect-metadata';
import { sql } from 'kysely';
import { Client } from 'pg';
import { EVENT_TARGETS } from '../../src/relations/relation.targets';
import { TestApi } from '../support/harness';

/*
 * Writes of related timeline events racing each other on PostgreSQL (READ COMMITTED;
 * SQLite runs one writer at a time). The rules on relations read the events around the one
 * written (a link's target, the events linking to it, chains of REVOKES and SUPERSEDES), so
 * event writes wait for each other (`serializeEventWrites`): the second write sees the
 * first's commit and is refused by the rule it would break, or both succeed; none leaves a
 * link to a deleted event, and none ends in a deadlock. As in curation-races.test.ts, a
 * second connection holds a row the first write needs last, so the interleaving is the
 * same on every run.
 */

const ERRORS = 'userErrors { field message code currentVersion }';
const ACTION = 'id slug version date relations { type event { slug } }';
const CREATE_ACTION = `mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { policyAction { ${ACTION} } ${ERRORS} } }`;
const UPDATE_ACTION = `mutation ($input: UpdatePolicyActionInput!) { updatePolicyAction(input: $input) { policyAction { ${ACTION} } ${ERRORS} } }`;
const DELETE_ACTION = `mutation ($input: DeletePolicyActionInput!) { deletePolicyAction(input: $input) { deletedId ${ERRORS} } }`;
const RELEASE = 'id slug version date relations { type event { slug } }';
const CREATE_RELEASE = `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { ${RELEASE} } ${ERRORS} } }`;
const UPDATE_RELEASE = `mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { ${RELEASE} } ${ERRORS} } }`;

const link = (type: string, targetType: string, target: string) => ({ type, targetType, target });
const action = (slug: string, date: string, relations: unknown[] = []) => ({
  slug,
  title: `Race ${slug}`,
  date,
  datePrecision: 'DAY',
  kind: 'EXECUTIVE_ORDER',
  status: 'IN_FORCE',
  jurisdiction: 'US',
  organization: 'us-white-house',
  openWeights: 'NOT_ADDRESSED',
  relations,
  sources: [{ url: `https://example.org/relation-races/${slug}`, title: slug }],
});
const release = (slug: string, date: string) => ({
  slug,
  name: `Race ${slug}`,
  artifactType: 'MODEL',
  organization: 'meta',
  date,
  datePrecision: 'DAY',
  accessLevel: 'OPEN_WEIGHTS',
  sources: [{ url: `https://example.org/relation-races/${slug}`, title: slug }],
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Result = { data?: Record<string, any> | null; errors?: readonly unknown[] };
/** The payload of a mutation that must not fail as a whole (no top-level error, no INTERNAL_SERVER_ERROR). */
const payload = (result: Result) => {
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0];
};

const maybe = process.env.TEST_DATABASE_URL ? describe : describe.skip;

maybe('relation writes racing on PostgreSQL', () => {
  let api: TestApi;
  let editor: TestApi;
  let holder: Client;
  beforeAll(async () => {
    api = await TestApi.create('postgres');
    editor = await api.withKey('EDITOR', 'ada');
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(api.store.db)).rows[0]!.s;
    holder = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await holder.connect();
    await holder.query(`set search_path to ${schema}`);
  });
  afterAll(async () => {
    await holder.end();
    await api.close();
  });

  const HOLD_DATA_VERSION = 'update data_version set version = version where id = 1';
  /** Starts the operations while `hold` keeps a row locked, each after the previous one has run up to it; then lets them finish. */
  async function interleaved(hold: string, operations: Array<() => Promise<Result>>): Promise<Result[]> {
    await holder.query('begin');
    await holder.query(hold);
    const running: Array<Promise<Result>> = [];
    for (const operation of operations) {
      running.push(operation());
      await sleep(700);
    }
    await holder.query('rollback');
    return Promise.all(running);
  }

  const createAction = async (input: object) => {
    const { createPolicyAction } = await editor.gql(CREATE_ACTION, { input });
    expect(createPolicyAction.userErrors).toEqual([]);
    return createPolicyAction.policyAction;
  };
  const createRelease = async (input: object) => {
    const { createRelease } = await editor.gql(CREATE_RELEASE, { input });
    expect(createRelease.userErrors).toEqual([]);
    return createRelease.release;
  };
  const currentAction = async (slug: string) => (await api.gql(`{ policyAction(slug: "${slug}") { ${ACTION} } }`)).policyAction;
  const currentRelease = async (slug: string) => (await api.gql(`{ release(slug: "${slug}") { ${RELEASE} } }`)).release;
  const updateAction = (e: { id: string; version: number }, input: object) => () =>
    editor.run(UPDATE_ACTION, { input: { id: e.id, version: e.version, ...input } });
  const updateRelease = (e: { id: string; version: number }, input: object) => () =>
    editor.run(UPDATE_RELEASE, { input: { id: e.id, version: e.version, ...input } });

  /** Relation rows whose target no longer exists. */
  async function dangling() {
    const found = [];
    for (const row of await api.store.db.selectFrom('event_relations').selectAll().execute()) {
      const target = await api.store.db
        .selectFrom(EVENT_TARGETS[row.target_type].table)
        .select('id')
        .where('id', '=', row.target_id)
        .executeTakeFirst();
      if (!target) found.push(row);
    }
    return found;
  }

  it('refuses the delete of an event as IN_USE while a link to it is being written (P1)', async () => {
    const x = await createAction(action('p1-x', '2024-05-01'));
    const y = await createAction(action('p1-y', '2024-04-01'));
    const [linked, deleted] = await interleaved(HOLD_DATA_VERSION, [
      updateAction(x, { relations: [link('AMENDS', 'POLICY_ACTION', 'p1-y')] }),
      () => editor.run(DELETE_ACTION, { input: { id: y.id, version: y.version } }),
    ]);
    expect(payload(linked!).userErrors).toEqual([]);
    expect(payload(deleted!).userErrors).toEqual([
      expect.objectContaining({
        code: 'IN_USE',
        message: 'the policy action "p1-y" is still referred to by policy actions (in relations) p1-x; change or delete those first',
      }),
    ]);
    expect(await dangling()).toEqual([]);
    expect((await currentAction('p1-x')).relations).toEqual([{ type: 'AMENDS', event: { slug: 'p1-y' } }]);
  });

  it('refuses the second of two links closing a REVOKES/SUPERSEDES cycle from both ends (P2)', async () => {
    const x = await createAction(action('p2-x', '2024-05-01'));
    const y = await createAction(action('p2-y', '2024-05-01'));
    const [first, second] = await interleaved(HOLD_DATA_VERSION, [
      updateAction(x, { relations: [link('SUPERSEDES', 'POLICY_ACTION', 'p2-y')] }),
      updateAction(y, { relations: [link('SUPERSEDES', 'POLICY_ACTION', 'p2-x')] }),
    ]);
    expect(payload(first!).userErrors).toEqual([]);
    expect(payload(second!).userErrors).toEqual([
      {
        field: ['input', 'relations', '0', 'target'],
        code: 'INVALID',
        currentVersion: null,
        message:
          'SUPERSEDES policy action "p2-x" closes a cycle of REVOKES and SUPERSEDES links (p2-y SUPERSEDES p2-x, p2-x SUPERSEDES p2-y): such links may not lead back to where they start',
      },
    ]);
    expect((await currentAction('p2-y')).relations).toEqual([]);
  });

  it('refuses a revocation of an event whose date is being moved after it (P3)', async () => {
    const x = await createAction(action('p3-x', '2024-03-01'));
    const y = await createAction(action('p3-y', '2024-06-01'));
    const [moved, revoking] = await interleaved(HOLD_DATA_VERSION, [
      updateAction(x, { date: '2024-09-01' }),
      updateAction(y, { relations: [link('REVOKES', 'POLICY_ACTION', 'p3-x')] }),
    ]);
    expect(payload(moved!).userErrors).toEqual([]);
    expect(payload(revoking!).userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'relations', '0', 'target'],
        code: 'INVALID',
        message:
          'REVOKES policy action "p3-x" is dated 2024-09-01, after this policy action (2024-06-01): what an event revokes or implements comes before it',
      }),
    ]);
  });

  it('refuses a date moved after an event whose revocation of it is being written (P3, the other way round)', async () => {
    const x = await createAction(action('p3b-x', '2024-03-01'));
    const y = await createAction(action('p3b-y', '2024-06-01'));
    const [revoking, moved] = await interleaved(HOLD_DATA_VERSION, [
      updateAction(y, { relations: [link('REVOKES', 'POLICY_ACTION', 'p3b-x')] }),
      updateAction(x, { date: '2024-09-01' }),
    ]);
    expect(payload(revoking!).userErrors).toEqual([]);
    expect(payload(moved!).userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'date'],
        code: 'INVALID',
        message:
          'policy action "p3b-y" (2024-06-01) REVOKES this policy action, which would then be dated after it (2024-09-01): what an event revokes or implements comes before it',
      }),
    ]);
    expect((await currentAction('p3b-x')).date).toBe('2024-03-01');
  });

  it('lets events of two kinds link to each other at once, without a deadlock (P4)', async () => {
    const r = await createRelease(release('p4-r', '2024-04-01'));
    const p = await createAction(action('p4-p', '2024-05-01'));
    // Holding meta (the release's organization) stalls the release's update after its claim, before it holds meta.
    const results = await interleaved("select id from organizations where slug = 'meta' for update", [
      updateRelease(r, { relations: [link('RESPONDS_TO', 'POLICY_ACTION', 'p4-p')] }),
      updateAction(p, { relations: [link('RESPONDS_TO', 'RELEASE', 'p4-r')] }),
    ]);
    expect(results.map((result) => payload(result).userErrors)).toEqual([[], []]);
    expect((await currentRelease('p4-r')).relations).toEqual([{ type: 'RESPONDS_TO', event: { slug: 'p4-p' } }]);
    expect((await currentAction('p4-p')).relations).toEqual([{ type: 'RESPONDS_TO', event: { slug: 'p4-r' } }]);
  });

  it('refuses the second of two writers closing a three-event cycle across kinds (P5)', async () => {
    const a = await createRelease(release('p5-a', '2024-04-18'));
    const b = await createRelease(release('p5-b', '2024-07-23'));
    await createAction(action('p5-p', '2024-05-01', [link('REVOKES', 'RELEASE', 'p5-a')]));
    const [first, second] = await interleaved(HOLD_DATA_VERSION, [
      updateRelease(a, { relations: [link('SUPERSEDES', 'RELEASE', 'p5-b')] }),
      updateRelease(b, { relations: [link('REVOKES', 'POLICY_ACTION', 'p5-p')] }),
    ]);
    expect(payload(first!).userErrors).toEqual([]);
    expect(payload(second!).userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'relations', '0', 'target'],
        code: 'INVALID',
        message:
          'REVOKES policy action "p5-p" closes a cycle of REVOKES and SUPERSEDES links (p5-b REVOKES p5-p, p5-p REVOKES p5-a, p5-a SUPERSEDES p5-b): such links may not lead back to where they start',
      }),
    ]);
  });

  describe('a transaction rolled back by the database to settle a deadlock or a serialization failure', () => {
    // A trigger on the history (which every write inserts into) fails the next `failures`
    // inserts for records whose slug starts with "retry-", with the SQLSTATE given.
    beforeAll(async () => {
      await holder.query(`
        create table retry_plan (failures integer not null, code text not null);
        insert into retry_plan values (0, '40P01');
        create sequence retry_failed;
        create function retry_fail() returns trigger language plpgsql as $$
        declare plan retry_plan;
        begin
          select * into plan from retry_plan;
          if new.subject_slug like 'retry-%' and nextval('retry_failed') <= plan.failures then
            raise exception 'rolled back for the test' using errcode = plan.code;
          end if;
          return new;
        end $$;
        create trigger retry_fail before insert on changes for each row execute function retry_fail();
      `);
    });
    const failNext = async (failures: number, code: string) => {
      await holder.query('update retry_plan set failures = $1, code = $2', [failures, code]);
      await holder.query('alter sequence retry_failed restart');
    };

    it.each([['40P01'], ['40001']])('is run again (%s), and the write succeeds once', async (code) => {
      await failNext(2, code);
      const result = await editor.run(CREATE_ACTION, { input: action(`retry-ok-${code.toLowerCase()}`, '2024-05-01') });
      expect(payload(result)).toMatchObject({ userErrors: [], policyAction: { slug: `retry-ok-${code.toLowerCase()}`, version: 1 } });
      const history = await api.store.db
        .selectFrom('changes')
        .select('operation')
        .where('subject_slug', '=', `retry-ok-${code.toLowerCase()}`)
        .execute();
      expect(history).toEqual([{ operation: 'CREATE' }]);
    });

    it('is refused as CONFLICT, never a 500, when every attempt is rolled back', async () => {
      await failNext(1000, '40P01');
      const result = await editor.run(CREATE_ACTION, { input: action('retry-never', '2024-05-01') });
      expect(payload(result)).toEqual({
        policyAction: null,
        userErrors: [
          {
            field: ['input'],
            code: 'CONFLICT',
            currentVersion: null,
            message:
              'the policy action could not be written: 3 attempts each met another write at the same time and were rolled back (a deadlock); nothing was written, send it again',
          },
        ],
      });
      await failNext(0, '40P01');
      expect(await currentAction('retry-never')).toBeNull();
    });
  });
});
