import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/db/connect';
import { canonical, readRecord, type RecordKind, type SeedRecords } from '../../src/curation/records';
import { applySeed, SeedRefusedError, type SeedReport } from '../../src/seed/seed.apply';
import { exportSeed } from '../../src/seed/seed.export';
import { loadSeedDir, parseSeed, type SeedData } from '../../src/seed/seed.loader';
import { formatSeedReport } from '../../src/seed/seed.report';
import { curatedDelete, curatedEdit } from '../support/curation';
import { createTestStore, seed, STORE_KINDS, TestApi, type TestStore } from '../support/harness';

/* Re-seeding never silently overwrites an edit made through the API. */

/** The seed with one record's fields changed, as if its seed text had been edited. */
function seedWith<K extends RecordKind>(kind: K, slug: string, fields: Partial<SeedRecords[K]>): SeedData {
  const data = seed();
  return {
    ...data,
    [kind]: data[kind].map((item) => (item.value.slug === slug ? { ...item, value: { ...item.value, ...fields } } : item)),
  };
}

async function stateOf(store: TestStore, kind: RecordKind, slug: string) {
  const table = {
    organizations: 'organizations',
    people: 'people',
    licenses: 'licenses',
    releases: 'releases',
    policyPositions: 'policy_positions',
    policyActions: 'policy_actions',
  }[kind] as 'releases';
  const row = await store.db.selectFrom(table).select(['origin', 'content_hash', 'version']).where('slug', '=', slug).executeTakeFirst();
  return row && { ...row, version: Number(row.version) };
}

const historyOf = (store: TestStore, slug: string) =>
  store.db.selectFrom('changes').selectAll().where('subject_slug', '=', slug).orderBy('id').execute();

/** Nothing counted anywhere but in `unchanged`. */
function expectQuiet(report: SeedReport) {
  for (const tally of Object.values(report))
    expect(tally).toMatchObject({ inserted: 0, updated: 0, keptCurated: [], conflicts: [], keptDeleted: [], overwritten: [] });
}

describe.each(STORE_KINDS)('re-seeding over curated edits on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore({ kind });
    // The history of the seeding that set the store up is not what these tests look at.
    await store.db.deleteFrom('changes').execute();
  });
  afterEach(() => store.close());

  it('records every record the seed writes in the history, with its state before and after', async () => {
    const fresh = await createTestStore({ kind, seeded: false });
    try {
      await applySeed(fresh, seed(), { mutation: 'db:seed' });
      const changes = await fresh.db.selectFrom('changes').selectAll().execute();
      const total = Object.values(seed()).reduce((n, items) => n + items.length, 0);
      expect(changes).toHaveLength(total);
      const llama = changes.find((c) => c.subject_slug === 'llama-2')!;
      expect(llama).toMatchObject({ subject_type: 'RELEASE', operation: 'SEED', mutation: 'db:seed', key_name: null, before: null });
      expect(Number(llama.version)).toBe(1);
      expect(canonical(JSON.parse(llama.after!))).toBe(canonical(seed().releases.find((r) => r.value.slug === 'llama-2')!.value));
    } finally {
      await fresh.close();
    }

    const before = (await readRecord(store.db, store.adapter, 'releases', 'gemma'))!.value;
    const report = await applySeed(store, seedWith('releases', 'gemma', { title: 'Google releases Gemma, retitled in the seed' }), {
      mutation: 'db:seed',
    });
    expect(report.releases).toMatchObject({ updated: 1, inserted: 0 });
    const [change] = await historyOf(store, 'gemma');
    expect(change).toMatchObject({ operation: 'SEED', mutation: 'db:seed' });
    expect(Number(change!.version)).toBe(2);
    expect(JSON.parse(change!.before!)).toEqual(before);
    expect(JSON.parse(change!.after!).title).toBe('Google releases Gemma, retitled in the seed');
  });

  it('keeps a curated edit when the seed text has not changed since it was applied', async () => {
    await curatedEdit(store, 'releases', 'llama-2', { title: 'Curated title' });
    const report = await applySeed(store, seed());
    expect(report.releases).toMatchObject({ inserted: 0, updated: 0, keptCurated: ['llama-2'], conflicts: [] });
    expect((await readRecord(store.db, store.adapter, 'releases', 'llama-2'))!.value.title).toBe('Curated title');
    expect(await stateOf(store, 'releases', 'llama-2')).toMatchObject({ origin: 'API', version: 2 });
    expect(await historyOf(store, 'llama-2')).toEqual([]);
  });

  it('keeps a curated edit when the seed text changed too, and reports the conflict with a way out', async () => {
    await curatedEdit(store, 'organizations', 'meta', { business_model: 'Advertising (curated)' });
    const report = await applySeed(store, seedWith('organizations', 'meta', { businessModel: 'Advertising and devices' }));
    expect(report.organizations.updated).toBe(0);
    expect(report.organizations.conflicts.map((c) => c.slug)).toEqual(['meta']);
    const { message } = report.organizations.conflicts[0]!;
    expect(message).toContain('organization "meta"');
    expect(message).toContain('npm run seed:export');
    expect(message).toContain('--overwrite-curated');
    expect((await readRecord(store.db, store.adapter, 'organizations', 'meta'))!.value.businessModel).toBe('Advertising (curated)');
    expect(formatSeedReport(report)).toContain('Conflicts (1)');
  });

  it('takes a curated record back when the seed says the same, without a new version', async () => {
    await curatedEdit(store, 'licenses', 'mit', { user_threshold: 5 });
    const curated = (await readRecord(store.db, store.adapter, 'licenses', 'mit'))!.value;
    const agreeing = seedWith('licenses', 'mit', { userThreshold: 5 });
    const report = await applySeed(store, agreeing);
    expectQuiet(report);
    expect(report.licenses.unchanged).toBe(seed().licenses.length);
    expect(await stateOf(store, 'licenses', 'mit')).toMatchObject({ origin: 'SEED', version: 2 });
    expect((await readRecord(store.db, store.adapter, 'licenses', 'mit'))!.value).toEqual(curated);
    // Taken back: the seed's next change to it applies as to any seeded record.
    expectQuiet(await applySeed(store, agreeing));
    expect((await applySeed(store, seed())).licenses).toMatchObject({ updated: 1, keptCurated: [] });
    expect(await stateOf(store, 'licenses', 'mit')).toMatchObject({ origin: 'SEED', version: 3 });
  });

  it('does not bring back a record deleted through the API', async () => {
    await curatedDelete(store, 'policyPositions', 'hall-open-source-agi-irresponsible');
    const report = await applySeed(store, seed());
    expect(report.policyPositions).toMatchObject({ inserted: 0, keptDeleted: ['hall-open-source-agi-irresponsible'] });
    expect(await stateOf(store, 'policyPositions', 'hall-open-source-agi-irresponsible')).toBeUndefined();
    expect(formatSeedReport(report)).toMatch(/Kept deleted[^\n]*\n {2}policyPositions: hall-open-source-agi-irresponsible/);
  });

  it('refuses, writing nothing, a seed record that refers to a record deleted through the API', async () => {
    await curatedDelete(store, 'releases', 'gpt-4o');
    const changed = seedWith('releases', 'claude-3-5-sonnet', { title: 'Retitled in the seed' }); // compared with gpt-4o
    const attempt = applySeed(store, changed);
    await expect(attempt).rejects.toBeInstanceOf(SeedRefusedError);
    await expect(attempt).rejects.toThrow('release "claude-3-5-sonnet" refers to releases "gpt-4o", which was deleted through the API');
    expect(await historyOf(store, 'claude-3-5-sonnet')).toEqual([]);
    expect((await readRecord(store.db, store.adapter, 'releases', 'claude-3-5-sonnet'))!.value.title).not.toBe('Retitled in the seed');
  });

  it('with overwriteCurated takes the seed version, keeping the curated one in the history', async () => {
    await curatedEdit(store, 'releases', 'llama-2', { title: 'Curated title' });
    await curatedDelete(store, 'policyPositions', 'hall-open-source-agi-irresponsible');
    const report = await applySeed(store, seed(), { mutation: 'db:seed', overwriteCurated: true });
    expect(report.releases).toMatchObject({ updated: 1, overwritten: ['llama-2'], keptCurated: [] });
    expect(report.policyPositions).toMatchObject({ inserted: 1, overwritten: ['hall-open-source-agi-irresponsible'], keptDeleted: [] });
    const seeded = seed().releases.find((r) => r.value.slug === 'llama-2')!.value;
    expect(canonical((await readRecord(store.db, store.adapter, 'releases', 'llama-2'))!.value)).toBe(canonical(seeded));
    expect(await stateOf(store, 'releases', 'llama-2')).toMatchObject({ origin: 'SEED', version: 3 });
    const [change] = await historyOf(store, 'llama-2');
    expect(JSON.parse(change!.before!).title).toBe('Curated title');
    expect(change!.reason).toContain('--overwrite-curated');
    expect(await store.db.selectFrom('tombstones').selectAll().execute()).toEqual([]);
    expectQuiet(await applySeed(store, seed()));
  });
});

describe.each(STORE_KINDS)('curating through the API, then seed:export and db:seed (%s)', (kind) => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    api = await TestApi.create(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-curated-'));
    fs.cpSync(path.join(__dirname, '..', '..', 'seed'), dir, { recursive: true });
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('keeps API edits on re-seed, exports them, and takes the records back once the files agree', async () => {
    const editor = await api.withKey('EDITOR', 'curator');
    const { release } = await editor.gql(`{ release(slug: "llama-3") { id version } }`);
    const updated = await editor.gql(
      `mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { version title } userErrors { message } } }`,
      {
        input: {
          id: release.id,
          version: release.version,
          title: 'Meta releases Llama 3 in 8B and 70B sizes (curated)',
          reason: 'clearer title',
        },
      },
    );
    expect(updated.updateRelease).toMatchObject({
      userErrors: [],
      release: { title: 'Meta releases Llama 3 in 8B and 70B sizes (curated)' },
    });
    const { policyPosition } = await editor.gql(`{ policyPosition(slug: "hall-open-source-agi-irresponsible") { id version } }`);
    const deleted = await editor.gql(
      `mutation ($input: DeletePolicyPositionInput!) { deletePolicyPosition(input: $input) { deletedId userErrors { message } } }`,
      {
        input: { id: policyPosition.id, version: policyPosition.version, reason: 'duplicate' },
      },
    );
    expect(deleted.deletePolicyPosition.userErrors).toEqual([]);

    const store = api.store;
    const reseeded = await applySeed(store, loadSeedDir(dir), { mutation: 'db:seed' });
    expect(reseeded.releases.keptCurated).toEqual(['llama-3']);
    expect(reseeded.policyPositions.keptDeleted).toEqual(['hall-open-source-agi-irresponsible']);

    await exportSeed(store.db, store.adapter, dir);
    const meta = fs.readFileSync(path.join(dir, 'releases-meta.yaml'), 'utf8');
    expect(meta).toContain('title: Meta releases Llama 3 in 8B and 70B sizes (curated)');
    expect(fs.readFileSync(path.join(dir, 'positions.yaml'), 'utf8')).not.toContain('hall-open-source-agi-irresponsible');

    // The files now say what the store says: the edited record is a seeded record again.
    const adopted = await applySeed(store, loadSeedDir(dir), { mutation: 'db:seed' });
    expectQuiet(adopted);
    expect(await stateOf(store, 'releases', 'llama-3')).toMatchObject({ origin: 'SEED' });
  });
});

describe('npm run db:seed', () => {
  const script = path.join(__dirname, '..', '..', 'dist', 'scripts', 'db-seed.js');
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-seed-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [script, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` },
    });

  it('prints the curated records it kept, overwrites them only when asked, and rejects unknown flags', async () => {
    expect(run().status).toBe(0);
    const store = openStore({ dialect: 'sqlite', filename: path.join(dir, 'db.sqlite') });
    await curatedEdit(store, 'releases', 'llama-2', { title: 'Curated title' });
    await store.close();

    const kept = run();
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/^record +inserted +updated +unchanged +curated +conflicts +deleted$/m);
    expect(kept.stdout).toMatch(/Kept as curated[^\n]*\n {2}releases: llama-2\n/);

    const flag = run('--overwrite');
    expect(flag.status).toBe(1);
    expect(flag.stderr).toContain("Unknown option '--overwrite'");
    expect(flag.stderr).toContain('Usage: npm run db:seed [-- --overwrite-curated]');

    const overwritten = run('--overwrite-curated');
    expect(overwritten.status).toBe(0);
    expect(overwritten.stdout).toMatch(/Overwritten with the seed version[^\n]*\n {2}releases: llama-2\n?/);
    expect(run().stdout).not.toContain('llama-2');
  });
});

describe.each(STORE_KINDS)('re-seeding checks the store as a whole (%s)', (kind) => {
  it('refuses a seed that, beside a kept curated record, would break a rule across records', async () => {
    const api = await TestApi.create(kind);
    try {
      const editor = await api.withKey('EDITOR', 'ada');
      const llama3 = (await api.gql('{ release(slug: "llama-3") { id version } }')).release;
      // Valid now: llama-3-1, which names llama-3 as its predecessor, is dated 2024-07-23.
      const moved = await editor.gql('mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { userErrors { message } } }', {
        input: { id: llama3.id, version: llama3.version, date: '2024-05-01' },
      });
      expect(moved.updateRelease.userErrors).toEqual([]);
      // The files move llama-3-1 to a date after their own llama-3 (2024-04-18) but before the curated one.
      const attempt = applySeed(api.store, seedWith('releases', 'llama-3-1', { date: '2024-04-20' }), { mutation: 'db:seed' });
      await expect(attempt).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(attempt).rejects.toThrow(/release "llama-3-1" is dated before its predecessor "llama-3"/);
      expect((await api.gql('{ release(slug: "llama-3-1") { date } }')).release.date).toBe('2024-07-23');
    } finally {
      await api.close();
    }
  });
});

describe('one source, one set of details', () => {
  it('rejects seed files that cite one URL with two access dates', () => {
    const data = structuredClone(seed());
    const shared = { url: 'https://example.org/shared', title: 'Shared' };
    const files = [
      {
        name: 'a.yaml',
        text: JSON.stringify({
          releases: [
            { ...data.releases.find((r) => r.value.slug === 'llama-3')!.value, sources: [{ ...shared, accessedOn: '2024-05-01' }] },
          ],
        }),
      },
      {
        name: 'b.yaml',
        text: JSON.stringify({
          releases: [{ ...data.releases.find((r) => r.value.slug === 'gpt-4')!.value, sources: [{ ...shared, accessedOn: '2024-08-01' }] }],
        }),
      },
    ];
    expect(() => parseSeed(files)).toThrow(/shared is cited with accessedOn "2024-08-01" here but "2024-05-01"/);
  });
});
