import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { prepareStore } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { openStore } from '../../src/db/connect';
import { readRecords } from '../../src/records/read';
import { applySeed } from '../../src/seed/seed.apply';
import { parseSeed, SeedValidationError, type SeedIssue, type SeedText } from '../../src/seed/seed.loader';
import { createTestStore, seed, STORE_KINDS } from '../support/harness';

const ORGS = `organizations:
  - slug: acme
    name: Acme AI
    kind: COMPANY
`;
const RELEASES = `releases:
  - slug: acme-1
    name: Acme 1
    title: Acme releases its first model
    artifactType: MODEL
    organization: acme
    date: "2024-03"
    accessLevel: OPEN_WEIGHTS
    license: acme-license
    variants:
      - name: Acme 1 7B
        parameterCount: 7000000000
    sources:
      - url: https://example.org/acme-1
        title: Acme 1 announcement
        publishedOn: "2024-03-02"
`;
const LICENSES = `licenses:
  - slug: acme-license
    name: Acme Community License
    osiApproved: false
    allowsCommercialUse: true
    restrictions: [no weapons]
`;
const PEOPLE = `people:
  - slug: ada
    name: Ada Example
    roles:
      - title: CEO
        organization: acme
        startedOn: "2020"
`;
const POSITIONS = `policyPositions:
  - slug: ada-on-openness
    title: Ada backs open weights
    date: "2024-03-05"
    actor: { person: ada }
    organization: acme
    topic: OPEN_SOURCE_AI
    stance: SUPPORTS
    sources:
      - url: https://example.org/ada
        title: Interview with Ada
`;

function files(overrides: Record<string, string> = {}): SeedText[] {
  const base: Record<string, string> = {
    'orgs.yaml': ORGS,
    'releases.yaml': RELEASES,
    'licenses.yaml': LICENSES,
    'people.yaml': PEOPLE,
    'positions.yaml': POSITIONS,
  };
  return Object.entries({ ...base, ...overrides }).map(([name, text]) => ({ name, text }));
}

function issuesOf(texts: SeedText[]): SeedIssue[] {
  try {
    parseSeed(texts);
  } catch (err) {
    if (err instanceof SeedValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected the seed to be rejected');
}

/** The 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('seed validation', () => {
  it('accepts the fixture and the real seed', () => {
    expect(parseSeed(files()).releases).toHaveLength(1);
    const real = seed();
    expect(real.releases.length).toBeGreaterThanOrEqual(22);
    expect(real.policyPositions.length).toBeGreaterThanOrEqual(10);
  });

  it('rejects an unknown key with file, line and path', () => {
    const text = RELEASES.replace('    family', '').replace(
      '    accessLevel: OPEN_WEIGHTS',
      '    acessLevel: OPEN_WEIGHTS\n    accessLevel: OPEN_WEIGHTS',
    );
    const issues = issuesOf(files({ 'releases.yaml': text }));
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'releases.yaml',
        line: lineOf(text, 'acessLevel'),
        path: 'releases[0].acessLevel',
        message: 'unknown key "acessLevel"',
      }),
    );
  });

  it('rejects an impossible date', () => {
    const text = RELEASES.replace('"2024-03"', '"2024-02-30"');
    const [issue] = issuesOf(files({ 'releases.yaml': text }));
    expect(issue).toMatchObject({ file: 'releases.yaml', line: lineOf(text, '2024-02-30'), path: 'releases[0].date' });
    expect(issue.message).toContain('YYYY-MM-DD');
  });

  it('rejects a bad enum value, listing what is accepted', () => {
    const text = RELEASES.replace('accessLevel: OPEN_WEIGHTS', 'accessLevel: OPEN');
    const [issue] = issuesOf(files({ 'releases.yaml': text }));
    expect(issue).toMatchObject({ line: lineOf(text, 'accessLevel: OPEN'), path: 'releases[0].accessLevel' });
    expect(issue.message).toContain('OPEN_WEIGHTS');
    expect(issue.message).toContain('"OPEN"');
  });

  it('rejects a dangling reference, naming the slug', () => {
    const text = RELEASES.replace('license: acme-license', 'license: acme-licence');
    const [issue] = issuesOf(files({ 'releases.yaml': text }));
    expect(issue).toMatchObject({ file: 'releases.yaml', line: lineOf(text, 'acme-licence'), path: 'releases[0].license' });
    expect(issue.message).toContain('unknown license "acme-licence"');
  });

  it('rejects a dangling actor and organization in a position', () => {
    const text = POSITIONS.replace('{ person: ada }', '{ person: bob }').replace('organization: acme', 'organization: nobody');
    const issues = issuesOf(files({ 'positions.yaml': text }));
    expect(issues.map((i) => i.path).sort()).toEqual(['policyPositions[0].actor.person', 'policyPositions[0].organization']);
  });

  it('rejects a release without a source', () => {
    const text = RELEASES.slice(0, RELEASES.indexOf('    sources:')) + '    sources: []\n';
    const [issue] = issuesOf(files({ 'releases.yaml': text }));
    expect(issue).toMatchObject({ path: 'releases[0].sources', line: lineOf(text, 'sources: []') });
    expect(issue.message).toContain('at least one source');
  });

  it('rejects a position with no sources key at all', () => {
    const text = POSITIONS.slice(0, POSITIONS.indexOf('    sources:'));
    const [issue] = issuesOf(files({ 'positions.yaml': text }));
    expect(issue).toMatchObject({ file: 'positions.yaml', path: 'policyPositions[0].sources', message: 'is required' });
    expect(issue.line).toBe(lineOf(text, 'slug: ada-on-openness'));
  });

  it('rejects YAML syntax errors with their line', () => {
    const text = ORGS + '  - slug: [unclosed\n';
    const [issue] = issuesOf(files({ 'orgs.yaml': text }));
    expect(issue.file).toBe('orgs.yaml');
    expect(issue.message).toMatch(/^YAML syntax/);
    expect(issue.line).toBeGreaterThanOrEqual(4);
  });

  it('rejects a slug defined twice across files, saying where it was first defined', () => {
    const issues = issuesOf(files({ 'more-orgs.yaml': ORGS }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'more-orgs.yaml', path: 'organizations[0].slug' });
    expect(issues[0].message).toContain('first defined in orgs.yaml at organizations[0]');
  });

  it('rejects OPEN_SOURCE under a license the OSI has not approved', () => {
    const text = RELEASES.replace('accessLevel: OPEN_WEIGHTS', 'accessLevel: OPEN_SOURCE');
    const [issue] = issuesOf(files({ 'releases.yaml': text }));
    expect(issue.path).toBe('releases[0].accessLevel');
    expect(issue.message).toContain('OSI-approved');
  });

  it('rejects one source cited with two different titles', () => {
    const text = POSITIONS.replace('https://example.org/ada', 'https://example.org/acme-1');
    const [issue] = issuesOf(files({ 'positions.yaml': text }));
    expect(issue.path).toBe('policyPositions[0].sources[0].title');
    expect(issue.message).toContain('https://example.org/acme-1');
  });

  it('reports every problem at once, formatted as file:line:column path: reason', () => {
    const text = RELEASES.replace('"2024-03"', '"March 2024"').replace('artifactType: MODEL', 'artifactType: WEIGHTS');
    try {
      parseSeed(files({ 'releases.yaml': text }));
      throw new Error('expected rejection');
    } catch (err) {
      expect(err).toBeInstanceOf(SeedValidationError);
      const message = (err as Error).message;
      expect(message).toContain('nothing was written');
      expect(message).toContain(`releases.yaml:${lineOf(text, 'March 2024')}:5 releases[0].date:`);
      expect(message).toContain(`releases.yaml:${lineOf(text, 'WEIGHTS')}:5 releases[0].artifactType:`);
    }
  });
});

/** The fixture release with openness (RESTRICTED weights, as OPEN_WEIGHTS allows) and a variant a month later through an API. */
const OPEN_RELEASES = RELEASES.replace(
  '    license: acme-license\n',
  `    license: acme-license
    openness:
      weights: RESTRICTED
      inferenceCode: OPEN
      trainingCode: CLOSED
      trainingData: CLOSED
      dataCard: CLOSED
      modelCard: OPEN
      paper: NOT_APPLICABLE
      meetsOsaid: false
      note: Acme Community License, with use restrictions.
      sources:
        - url: https://example.org/acme-license
          title: Acme Community License
`,
).replace(
  '        parameterCount: 7000000000\n',
  `        parameterCount: 7000000000
      - name: Acme 1 70B
        date: "2024-04"
        accessLevel: API
`,
);

describe('openness and staged variants in seed files', () => {
  it('accepts openness on a model and a variant with its own later date and access level', () => {
    const [release] = parseSeed(files({ 'releases.yaml': OPEN_RELEASES })).releases;
    expect(release.value.openness).toMatchObject({
      weights: 'RESTRICTED',
      meetsOsaid: false,
      sources: [{ title: 'Acme Community License' }],
    });
    expect(release.value.variants[1]).toEqual({ name: 'Acme 1 70B', date: '2024-04', accessLevel: 'API' });
  });

  it('refuses weights that do not fit the access level, at the weights', () => {
    const text = OPEN_RELEASES.replace('accessLevel: OPEN_WEIGHTS', 'accessLevel: GATED_WEIGHTS').replace(
      'weights: RESTRICTED',
      'weights: OPEN',
    );
    const [issue, ...others] = issuesOf(files({ 'releases.yaml': text }));
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      file: 'releases.yaml',
      line: lineOf(text, 'weights: OPEN'),
      path: 'releases[0].openness.weights',
      message: 'is OPEN, which does not fit accessLevel GATED_WEIGHTS: GATED_WEIGHTS means weights RESTRICTED',
    });
  });

  it('refuses openness on software and a variant dated before its release or repeating its access level', () => {
    const software = OPEN_RELEASES.replace('artifactType: MODEL', 'artifactType: SOFTWARE');
    expect(issuesOf(files({ 'releases.yaml': software })).map((i) => i.path)).toEqual(['releases[0].openness']);
    const early = OPEN_RELEASES.replace('date: "2024-04"', 'date: "2024-02-28"').replace('accessLevel: API', 'accessLevel: OPEN_WEIGHTS');
    const issues = issuesOf(files({ 'releases.yaml': early }));
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['releases[0].variants[1].date', lineOf(early, '2024-02-28')],
      ['releases[0].variants[1].accessLevel', lineOf(early, '        accessLevel: OPEN_WEIGHTS')],
    ]);
    expect(issues[0].message).toContain("is before the release's date");
  });

  it('compares a variant’s date with the release’s as periods: one within the release’s period is not before it', () => {
    // The release is dated "2024-03": a variant of "2024" or of a day in March does not come first; one of "2024-02" does.
    for (const date of ['"2024"', '"2024-03-15"']) {
      const text = OPEN_RELEASES.replace('date: "2024-04"', `date: ${date}`);
      expect(parseSeed(files({ 'releases.yaml': text })).releases[0].value.variants[1].date).toBe(date.slice(1, -1));
    }
    const early = OPEN_RELEASES.replace('date: "2024-04"', 'date: "2024-02"');
    expect(issuesOf(files({ 'releases.yaml': early }))).toEqual([
      expect.objectContaining({ path: 'releases[0].variants[1].date', message: expect.stringContaining("is before the release's date") }),
    ]);
    // The release's own date is the same date at the same precision.
    const same = OPEN_RELEASES.replace('date: "2024-04"', 'date: "2024-03"');
    expect(issuesOf(files({ 'releases.yaml': same }))).toEqual([
      expect.objectContaining({ path: 'releases[0].variants[1].date', message: "is the release's own date (2024-03): leave it out" }),
    ]);
  });

  it('refuses meetsOsaid true unless weights, inference code and training code are OPEN, saying which are not', () => {
    const text = OPEN_RELEASES.replace('meetsOsaid: false', 'meetsOsaid: true');
    expect(issuesOf(files({ 'releases.yaml': text }))).toEqual([
      expect.objectContaining({
        file: 'releases.yaml',
        line: lineOf(text, 'meetsOsaid: true'),
        path: 'releases[0].openness.meetsOsaid',
        message:
          'is true, but the Open Source AI Definition 1.0 requires the weights and the complete inference and training code under open terms, and weights is RESTRICTED, trainingCode is CLOSED: set it false, or leave it out when not assessed',
      }),
    ]);
  });

  it('refuses an empty list of openness sources, which would not survive a round trip through the store', () => {
    const text = OPEN_RELEASES.replace(
      '      sources:\n        - url: https://example.org/acme-license\n          title: Acme Community License\n',
      '      sources: []\n',
    );
    expect(text).toContain('      sources: []\n');
    expect(issuesOf(files({ 'releases.yaml': text }))).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'sources: []'),
        path: 'releases[0].openness.sources',
        message: 'leave sources out rather than listing none',
      }),
    ]);
  });

  it('holds openness sources to one set of details per URL, like every source', () => {
    const text = OPEN_RELEASES.replace('title: Acme Community License\n', 'title: The Acme license\n');
    const licensed = LICENSES.replace(
      '    restrictions: [no weapons]\n',
      '    restrictions: [no weapons]\n    sources:\n      - url: https://example.org/acme-license\n        title: Acme Community License\n',
    );
    const issues = issuesOf(files({ 'releases.yaml': text, 'licenses.yaml': licensed }));
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'releases.yaml',
        path: 'releases[0].openness.sources[0].title',
        line: lineOf(text, 'The Acme license'),
      }),
    ]);
  });
});

describe.each(STORE_KINDS)('applying the seed on %s', (kind) => {
  it('is idempotent, and a changed record is updated with its version bumped', async () => {
    const store = await createTestStore({ seeded: false, kind });
    const first = await applySeed(store, parseSeed(files()));
    const counts = (inserted: number, updated: number, unchanged: number) => ({
      inserted,
      updated,
      unchanged,
      keptCurated: [],
      conflicts: [],
      keptDeleted: [],
      overwritten: [],
    });
    expect(first.releases).toEqual(counts(1, 0, 0));
    const again = await applySeed(store, parseSeed(files()));
    for (const tally of Object.values(again)) expect(tally.inserted + tally.updated).toBe(0);

    const edited = await applySeed(
      store,
      parseSeed(files({ 'releases.yaml': RELEASES.replace('Acme releases its first model', 'Acme ships model one') })),
    );
    expect(edited.releases).toEqual(counts(0, 1, 0));
    expect(edited.organizations).toEqual(counts(0, 0, 1));
    const row = await store.db.selectFrom('releases').select(['title', 'version']).where('slug', '=', 'acme-1').executeTakeFirstOrThrow();
    expect({ ...row, version: Number(row.version) }).toEqual({ title: 'Acme ships model one', version: 2 });
    const variants = await store.db.selectFrom('release_variants').selectAll().execute();
    expect(variants).toHaveLength(1);
    await store.close();
  });

  it('stores openness, its sources and staged variants, and reads them back as the seed wrote them', async () => {
    const store = await createTestStore({ seeded: false, kind });
    const data = parseSeed(files({ 'releases.yaml': OPEN_RELEASES }));
    await applySeed(store, data);
    const [stored] = await readRecords(store.db, 'releases', ['acme-1']);
    expect(stored.value).toEqual(data.releases[0].value);
    const again = await applySeed(store, parseSeed(files({ 'releases.yaml': OPEN_RELEASES })));
    expect(again.releases).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const lists = await store.db
      .selectFrom('citations')
      .select(['list', 'ordinal'])
      .where('subject_type', '=', 'RELEASE')
      .orderBy('list')
      .execute();
    expect(lists).toEqual([
      { list: 'openness.sources', ordinal: 0 },
      { list: 'sources', ordinal: 0 },
    ]);
    await store.close();
  });

  it('applies the real seed twice with nothing changed the second time', async () => {
    const store = await createTestStore({ kind });
    const report = await applySeed(store, seed());
    for (const tally of Object.values(report)) expect(tally).toMatchObject({ inserted: 0, updated: 0 });
    await store.close();
  });

  it('is one transaction: a failure part-way leaves nothing behind', async () => {
    const store = await createTestStore({ seeded: false, kind });
    // A trigger makes the database itself refuse the position, after everything else was written.
    if (kind === 'sqlite') {
      await sql`create trigger refuse before insert on policy_positions begin select raise(abort, 'refused by test'); end`.execute(
        store.db,
      );
    } else {
      await sql`create function refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`.execute(
        store.db,
      );
      await sql`create trigger refuse before insert on policy_positions for each row execute function refuse()`.execute(store.db);
    }
    // Matched by message: the driver's error class may come from another test file's module registry.
    await expect(applySeed(store, parseSeed(files()))).rejects.toMatchObject({ message: 'refused by test' });
    for (const table of ['organizations', 'licenses', 'people', 'releases', 'sources', 'citations'] as const) {
      const { n } = await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect([table, Number(n)]).toEqual([table, 0]);
    }
    await store.close();
  });
});

describe('start-up seeding', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const config = (seedDir: string) =>
    loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, SEED_DIR: seedDir, NODE_ENV: 'test' });
  const log = pino({ level: 'silent' });

  it('seeds an empty database, then leaves a populated one alone', async () => {
    const seedDir = path.join(dir, 'seed');
    fs.mkdirSync(seedDir);
    for (const f of files()) fs.writeFileSync(path.join(seedDir, f.name), f.text);
    const store = await prepareStore(config(seedDir), log);
    expect(await store.db.selectFrom('releases').select('slug').execute()).toEqual([{ slug: 'acme-1' }]);
    await store.close();
    fs.writeFileSync(path.join(seedDir, 'extra.yaml'), ORGS.replace(/acme/g, 'other').replace('Acme AI', 'Other'));
    const again = await prepareStore(config(seedDir), log);
    expect(await again.db.selectFrom('organizations').select('slug').execute()).toEqual([{ slug: 'acme' }]);
    await again.close();
  });

  it('refuses to start on a broken seed and writes nothing', async () => {
    const seedDir = path.join(dir, 'seed');
    fs.mkdirSync(seedDir);
    for (const f of files({ 'releases.yaml': RELEASES.replace('organization: acme', 'organization: acne') }))
      fs.writeFileSync(path.join(seedDir, f.name), f.text);
    await expect(prepareStore(config(seedDir), log)).rejects.toThrow(
      /releases\.yaml:\d+:\d+ releases\[0\]\.organization: unknown organization "acne"/,
    );
    const store = openStore({ dialect: 'sqlite', filename: path.join(dir, 'db.sqlite') });
    const { n } = await store.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
    await store.close();
  });
});
