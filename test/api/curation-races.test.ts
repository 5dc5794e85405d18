import 'reflect-metadata';
import { sql } from 'kysely';
import { Client } from 'pg';
import { applySeed } from '../../src/seed/seed.apply';
import { seed, TestApi } from '../support/harness';

/*
 * Curation writes racing each other, and the seed, on PostgreSQL (READ COMMITTED; SQLite
 * runs one writer at a time). A second connection holds the data_version row, which every
 * write updates last: each write then runs up to its final step while the other runs, and
 * they commit one after the other, so the interleaving is the same on every run.
 */

const ERRORS = 'userErrors { field message code currentVersion }';
const CREATE = `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { slug } ${ERRORS} } }`;
const UPDATE_ORG = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { slug name } ${ERRORS} } }`;
const DELETE_ORG = `mutation ($input: DeleteOrganizationInput!) { deleteOrganization(input: $input) { deletedId ${ERRORS} } }`;
const ADD_SOURCE = `mutation ($input: AddEventSourceInput!) { addEventSource(input: $input) { event { slug } ${ERRORS} } }`;
const UPDATE_RELEASE = `mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { slug version summary } ${ERRORS} } }`;

const newRelease = (slug: string, over: Record<string, unknown> = {}) => ({
  slug,
  name: `Release ${slug}`,
  artifactType: 'MODEL',
  organization: 'meta',
  date: '2026-04-01',
  datePrecision: 'DAY',
  accessLevel: 'OPEN_WEIGHTS',
  sources: [{ url: `https://example.org/${slug}`, title: `About ${slug}` }],
  ...over,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const payload = (result: { data?: Record<string, any> | null; errors?: readonly unknown[] }) => {
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0];
};

const maybe = process.env.TEST_DATABASE_URL ? describe : describe.skip;

maybe('curation writes racing on PostgreSQL', () => {
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

  /** Starts the operations while data_version is held, each after the previous one has run up to it; then lets them finish. */
  async function interleaved<T>(operations: Array<() => Promise<T>>): Promise<T[]> {
    await holder.query('begin');
    await holder.query('update data_version set version = version where id = 1');
    const running: Array<Promise<T>> = [];
    for (const operation of operations) {
      running.push(operation());
      await sleep(700);
    }
    await holder.query('rollback');
    return Promise.all(running);
  }

  it('lets two creates cite the same new source URL', async () => {
    const url = 'https://example.org/shared-new-source';
    const results = await interleaved([
      () => editor.run(CREATE, { input: newRelease('race-a', { sources: [{ url, title: 'Shared' }] }) }),
      () => editor.run(CREATE, { input: newRelease('race-b', { sources: [{ url, title: 'Shared' }] }) }),
    ]);
    expect(results.map((r) => payload(r).userErrors)).toEqual([[], []]);
  });

  it('lets two events add the same new source at once', async () => {
    const ids = (await api.gql('{ a: release(slug: "llama-2") { id version } b: release(slug: "llama-3") { id version } }')) as Record<
      string,
      { id: string; version: number }
    >;
    const source = { url: 'https://example.org/another-shared-source', title: 'Shared 2' };
    const results = await interleaved([
      () => editor.run(ADD_SOURCE, { input: { eventId: ids.a!.id, version: ids.a!.version, source } }),
      () => editor.run(ADD_SOURCE, { input: { eventId: ids.b!.id, version: ids.b!.version, source } }),
    ]);
    expect(results.map((r) => payload(r).userErrors)).toEqual([[], []]);
  });

  it('does not deadlock two creates citing the same new URLs in opposite order', async () => {
    for (let round = 0; round < 5; round++) {
      const u1 = { url: `https://example.org/pair-${round}-1`, title: `Pair ${round} 1` };
      const u2 = { url: `https://example.org/pair-${round}-2`, title: `Pair ${round} 2` };
      const results = await Promise.all([
        editor.run(CREATE, { input: newRelease(`pair-${round}-a`, { sources: [u1, u2] }) }),
        editor.run(CREATE, { input: newRelease(`pair-${round}-b`, { sources: [u2, u1] }) }),
      ]);
      expect(results.map((r) => payload(r).userErrors)).toEqual([[], []]);
    }
  });

  it('keeps search text true when an organization is renamed while one of its releases is created', async () => {
    const org = (await api.gql('{ organization(slug: "openai") { id version } }')).organization;
    const results = await interleaved([
      () => editor.run(UPDATE_ORG, { input: { id: org.id, version: org.version, name: 'Zyxwvut Renamed Labs' } }),
      () => editor.run(CREATE, { input: newRelease('quuxmodel', { organization: 'openai', name: 'Quuxmodel' }) }),
    ]);
    expect(results.map((r) => payload(r).userErrors)).toEqual([[], []]);
    const found = await api.gql('{ search(query: "Zyxwvut", first: 100) { nodes { ... on Release { slug } } } }');
    expect(found.search.nodes).toContainEqual({ slug: 'quuxmodel' });
  });

  it('refuses a delete of an organization a release is being created for, as IN_USE or NOT_FOUND, never half-done', async () => {
    await editor.gql(`mutation { createOrganization(input: { slug: "lonely-org", name: "Lonely Org", kind: COMPANY }) { ${ERRORS} } }`);
    const org = (await api.gql('{ organization(slug: "lonely-org") { id version } }')).organization;
    const [created, deleted] = await interleaved([
      () => editor.run(CREATE, { input: newRelease('orphan', { organization: 'lonely-org' }) }),
      () => editor.run(DELETE_ORG, { input: { id: org.id, version: org.version } }),
    ]);
    expect(payload(created!).userErrors).toEqual([]);
    expect(payload(deleted!).userErrors).toEqual([expect.objectContaining({ code: 'IN_USE' })]);
    expect(await api.gql('{ release(slug: "orphan") { organization { slug } } }')).toEqual({
      release: { organization: { slug: 'lonely-org' } },
    });
  });

  /** Starts the seed with gpt-4 (and `edit`) changed, parked between reading the store and writing its records. */
  async function parkedSeed(summary: string, edit: (data: ReturnType<typeof seed>) => void = () => undefined) {
    const data = structuredClone(seed());
    const item = data.releases.find((r) => r.value.slug === 'gpt-4')!;
    item.value = { ...item.value, summary };
    edit(data);
    const [firstSource] = item.value.sources;
    // The seed stores the sources of the records it writes before writing any record: holding one parks it there.
    await holder.query('begin');
    await holder.query('select id from sources where url = $1 for no key update', [firstSource!.url]);
    const seeding = applySeed(api.store, data, { mutation: 'db:seed' }).then(
      () => null,
      (err: Error) => err,
    );
    await sleep(700);
    return { seeding }; // not the promise itself, which an async function's caller would wait for
  }

  it('never lets the seed overwrite a curated edit committed while it ran', async () => {
    // An organization: writes of timeline events wait for the seed (the next test).
    const { seeding } = await parkedSeed('The seed files: a corrected summary.', (data) => {
      const org = data.organizations.find((o) => o.value.slug === 'anthropic')!;
      org.value = { ...org.value, name: 'Anthropic (seed files)' };
    });
    const current = (await api.gql('{ organization(slug: "anthropic") { id version } }')).organization;
    const edit = await editor.gql(UPDATE_ORG, { input: { id: current.id, version: current.version, name: 'Anthropic (curated)' } });
    expect(edit.updateOrganization.userErrors).toEqual([]);
    await holder.query('rollback');
    const failure = await seeding;
    expect(failure?.message).toMatch(/anthropic.*changed through the API while the seed ran/);
    const now = (await api.gql('{ organization(slug: "anthropic") { version name } }')).organization;
    expect(now).toEqual({ version: current.version + 1, name: 'Anthropic (curated)' });
  });

  it('makes an edit of a timeline event wait for the seed, then refuses it as CONFLICT rather than lose either', async () => {
    const read = (await api.gql('{ release(slug: "gpt-4") { id version } }')).release;
    const { seeding } = await parkedSeed('The seed files: another summary.');
    const editing = editor.run(UPDATE_RELEASE, {
      input: { id: read.id, version: read.version, summary: 'A curator: the curated summary.' },
    });
    await sleep(700);
    await holder.query('rollback');
    expect(await seeding).toBeNull();
    expect(payload(await editing).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'version'], code: 'CONFLICT', currentVersion: read.version + 1 }),
    ]);
    const now = (await api.gql('{ release(slug: "gpt-4") { version summary } }')).release;
    expect(now).toEqual({ version: read.version + 1, summary: 'The seed files: another summary.' });
  });
});
