import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonical, readRecords, RECORD_KINDS } from '../../src/curation/records';
import { applySeed } from '../../src/seed/seed.apply';
import { exportSeed } from '../../src/seed/seed.export';
import { formatSeedFile } from '../../src/seed/seed.format';
import { SeedExportError } from '../../src/seed/seed.layout';
import { loadSeedDir, parseSeed, SeedValidationError } from '../../src/seed/seed.loader';
import { curatedDelete, curatedEdit } from '../support/curation';
import { createTestStore, STORE_KINDS, TestApi, type TestStore } from '../support/harness';

const SEED = path.join(__dirname, '..', '..', 'seed');
const seedFiles = () =>
  fs
    .readdirSync(SEED)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
const read = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-export-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the committed seed directory to export over. */
function copyOfSeed(): string {
  const dir = path.join(tmp, 'seed');
  fs.cpSync(SEED, dir, { recursive: true });
  return dir;
}

/** The lines of `after` that are not in `before`, and the reverse. */
function lineDiff(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe.each(STORE_KINDS)('seed:export on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore({ kind });
  });
  afterEach(() => store.close());

  it('reproduces the committed seed files byte for byte from a freshly seeded store', async () => {
    const dir = copyOfSeed();
    const report = await exportSeed(store.db, store.adapter, dir);
    expect(report.files.filter((f) => f.written)).toEqual([]);
    expect(read(dir)).toEqual(read(SEED));
  });

  it('writes exactly the curated edits, each record staying in its file and place', async () => {
    const dir = copyOfSeed();
    await curatedEdit(store, 'releases', 'llama-2', { title: 'Meta and Microsoft release Llama 2 for research and commercial use' });
    // The last position in its file that no event links to (the API would refuse to delete one that is).
    const seeded = loadSeedDir(SEED);
    const linked = new Set(
      [...seeded.releases, ...seeded.policyPositions, ...seeded.policyActions].flatMap((r) =>
        (r.value.relations ?? []).filter((l) => l.targetType === 'POLICY_POSITION').map((l) => l.target),
      ),
    );
    const inFile = seeded.policyPositions.filter((r) => path.basename(r.file) === 'positions.yaml');
    const gone = inFile
      .map((r) => r.value.slug)
      .filter((slug) => !linked.has(slug))
      .at(-1)!;
    expect(gone).toBeDefined();
    await curatedDelete(store, 'policyPositions', gone);
    await exportSeed(store.db, store.adapter, dir);

    const meta = lineDiff(read(SEED)['releases-meta.yaml'], read(dir)['releases-meta.yaml']);
    expect(meta.added).toEqual(['    title: Meta and Microsoft release Llama 2 for research and commercial use']);
    expect(meta.removed).toHaveLength(1);
    // The deleted record's block is cut cleanly, with the blank line before it; the rest stays as it was.
    const committed = read(SEED)['positions.yaml'];
    const start = committed.indexOf(`\n  - slug: ${gone}\n`);
    const next = committed.indexOf('\n\n  - slug: ', start + 1);
    const expected = committed.slice(0, start) + (next === -1 ? '' : committed.slice(next + 1));
    expect(start).toBeGreaterThan(0);
    expect(read(dir)['positions.yaml']).toBe(expected);
    expect(expected).not.toContain(`slug: ${gone}\n`);
    for (const file of ['licenses.yaml', 'organizations.yaml', 'people.yaml', 'releases-rivals.yaml'])
      expect([file, read(dir)[file]]).toEqual([file, read(SEED)[file]]);
  });

  it('puts new records in their natural file, after the ones already there', async () => {
    const dir = copyOfSeed();
    const extra = `releases:
  - slug: llama-5
    name: Llama 5
    title: A release made up for this test
    artifactType: MODEL
    organization: meta
    date: "2030-01"
    accessLevel: OPEN_WEIGHTS
    sources:
      - url: https://example.org/llama-5
        title: Made up
  - slug: acme-model
    name: Acme Model
    title: Another made-up release, by a rival
    artifactType: MODEL
    organization: openai
    date: "2030-02-03"
    accessLevel: API
    sources:
      - url: https://example.org/acme
        title: Made up too
`;
    await applySeed(
      store,
      parseSeed([
        ...seedFiles().map((f) => ({ name: f, text: fs.readFileSync(path.join(SEED, f), 'utf8') })),
        { name: 'extra.yaml', text: extra },
      ]),
    );
    await exportSeed(store.db, store.adapter, dir);
    const files = read(dir);
    expect(Object.keys(files)).toEqual(seedFiles());
    expect(files['releases-meta.yaml'].startsWith(read(SEED)['releases-meta.yaml'])).toBe(true);
    expect(files['releases-meta.yaml']).toMatch(/\n\n {2}- slug: llama-5\n[^]*title: Made up\n$/);
    expect(files['releases-rivals.yaml']).toMatch(/\n\n {2}- slug: acme-model\n[^]*title: Made up too\n$/);
  });

  it('round-trips: a store seeded from an export of an edited store holds the same records', async () => {
    const api = await TestApi.create(kind);
    const edited = api.store;
    const fresh = await createTestStore({ kind, seeded: false });
    try {
      const editor = await api.withKey('EDITOR');
      const created = await editor.gql(
        `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { slug } userErrors { message } } }`,
        {
          input: {
            slug: 'mistral-7b',
            name: 'Mistral 7B',
            artifactType: 'MODEL',
            organization: 'microsoft',
            date: '2023-09-01',
            datePrecision: 'MONTH',
            accessLevel: 'OPEN_WEIGHTS',
            sources: [{ url: 'https://example.org/mistral-7b', title: 'A made-up source for this test' }],
            reason: 'test',
          },
        },
      );
      expect(created.createRelease.userErrors).toEqual([]);
      await curatedEdit(edited, 'organizations', 'meta', { business_model: 'Advertising and hardware', website: null });
      await curatedEdit(edited, 'releases', 'llama-3-1', {
        summary: 'Edited through the API: a shorter summary.',
        date: '2024-07-01',
        date_precision: 'MONTH',
      });
      await curatedEdit(edited, 'licenses', 'mit', { user_threshold: 1000 });
      await curatedDelete(edited, 'releases', 'gpt-oss');
      await curatedDelete(edited, 'policyPositions', 'altman-gpt-oss-open-weight-release');
      const dir = path.join(tmp, 'out');
      await exportSeed(edited.db, edited.adapter, dir);
      expect(read(dir)['releases-rivals.yaml']).toContain('  - slug: mistral-7b\n');

      await applySeed(fresh, loadSeedDir(dir));
      for (const recordKind of RECORD_KINDS) {
        const [a, b] = await Promise.all([
          readRecords(edited.db, edited.adapter, recordKind),
          readRecords(fresh.db, fresh.adapter, recordKind),
        ]);
        expect(b.map((r) => canonical(r.value))).toEqual(a.map((r) => canonical(r.value)));
      }
      const llama = (await readRecords(fresh.db, fresh.adapter, 'releases', ['llama-3-1']))[0]!.value;
      expect(llama).toMatchObject({ date: '2024-07', summary: 'Edited through the API: a shorter summary.' });
    } finally {
      await fresh.close();
      await api.close();
    }
  });

  it('writes nothing when the store holds a record the seed rules reject', async () => {
    const dir = copyOfSeed();
    // OPEN_SOURCE under a license the OSI has not approved: the loader refuses it.
    await curatedEdit(store, 'releases', 'llama-2', { access_level: 'OPEN_SOURCE' });
    await expect(exportSeed(store.db, store.adapter, dir)).rejects.toBeInstanceOf(SeedValidationError);
    expect(read(dir)).toEqual(read(SEED));
  });
});

describe('seed:export target checks', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(() => store.close());

  it('uses the natural layout in an empty directory', async () => {
    const report = await exportSeed(store.db, store.adapter, path.join(tmp, 'new', 'dir'));
    expect(report.files.map((f) => f.name)).toEqual(seedFiles());
    expect(report.files.every((f) => f.written)).toBe(true);
  });

  it('refuses a target that is a file, or holds a file it cannot read as seed, writing nothing', async () => {
    const file = path.join(tmp, 'file.txt');
    fs.writeFileSync(file, 'x');
    await expect(exportSeed(store.db, store.adapter, file)).rejects.toThrow(new SeedExportError(`${file} is not a directory`));
    await expect(exportSeed(store.db, store.adapter, path.join(file, 'below'))).rejects.toThrow(/cannot create the output directory/);

    const dir = copyOfSeed();
    fs.writeFileSync(path.join(dir, 'notes.yaml'), 'todo: [unclosed\n');
    await expect(exportSeed(store.db, store.adapter, dir)).rejects.toThrow(/notes\.yaml:\d+:\d+ is not valid YAML/);
    fs.writeFileSync(path.join(dir, 'notes.yaml'), 'todo: check the dates\n');
    await expect(exportSeed(store.db, store.adapter, dir)).rejects.toThrow(/notes\.yaml is not a seed file: unknown top-level key "todo"/);
    fs.rmSync(path.join(dir, 'notes.yaml'));
    const commented = read(SEED)['people.yaml'].replace('\n  - slug: nick-clegg', '\n  # Check his 2025 role first.\n  - slug: nick-clegg');
    fs.writeFileSync(path.join(dir, 'people.yaml'), commented);
    await expect(exportSeed(store.db, store.adapter, dir)).rejects.toThrow(
      /people\.yaml:\d+:3 has a YAML comment, which an export would drop/,
    );
    expect(read(dir)['people.yaml']).toBe(commented);
    expect(fs.readdirSync(dir).sort()).toEqual(seedFiles());
  });
});

describe('seed file style', () => {
  it('folds long prose, quotes dates and what YAML would misread, and reads back as written', () => {
    const summary = 'A summary long enough to need folding: '.repeat(5).trim();
    const text = formatSeedFile([
      {
        kind: 'releases',
        records: [
          {
            slug: 'x',
            name: 'yes',
            title: 'Colon: and #hash',
            artifactType: 'MODEL',
            organization: 'o',
            date: '2024',
            summary,
            accessLevel: 'API',
            variants: [],
            modalities: ['TEXT', 'CODE'],
            comparedWith: [],
            sources: [{ url: 'https://example.org/a', title: '"Quoted" title', publishedOn: '2024-01' }],
          },
        ],
      },
    ]);
    expect(text).toContain('    date: "2024"\n');
    expect(text).toContain('    summary: >-\n      A summary');
    expect(text).toContain('    modalities: [TEXT, CODE]\n');
    expect(text).not.toContain('variants');
    for (const line of text.split('\n')) if (!line.includes('url:')) expect(line.length).toBeLessThanOrEqual(80);
    const files = [
      { name: 'o.yaml', text: 'organizations:\n  - slug: o\n    name: O\n    kind: COMPANY\n' },
      { name: 'r.yaml', text },
    ];
    const back = parseSeed(files).releases[0]!.value;
    expect(back).toMatchObject({
      name: 'yes',
      title: 'Colon: and #hash',
      date: '2024',
      summary,
      sources: [{ title: '"Quoted" title', publishedOn: '2024-01' }],
    });
  });
});

describe('npm run seed:export', () => {
  const script = path.join(__dirname, '..', '..', 'dist', 'scripts', 'seed-export.js');
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env } });

  it('rejects an unknown flag and a missing --out value with the usage', () => {
    const unknown = run(['--outdir', tmp]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--outdir'");
    expect(unknown.stderr).toContain('Usage: npm run seed:export');
    expect(run(['--out']).stderr).toContain("Option '--out <value>' argument missing");
  });

  it('refuses to export a database that is not there instead of emptying the seed files', () => {
    const result = run(['--out', path.join(tmp, 'out')], { DATABASE_URL: `sqlite:${path.join(tmp, 'missing.sqlite')}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('there is no database at');
    expect(fs.existsSync(path.join(tmp, 'out'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'missing.sqlite'))).toBe(false);
  });

  it('exports the configured store to --out', async () => {
    const file = path.join(tmp, 'db.sqlite');
    const seeded = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'scripts', 'db-seed.js')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${file}` },
    });
    expect(seeded.status).toBe(0);
    const dir = copyOfSeed();
    const result = run(['--out', dir], { DATABASE_URL: `sqlite:${file}` });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/unchanged releases-meta\.yaml \(\d+ records\)/);
    expect(read(dir)).toEqual(read(SEED));
  });
});
