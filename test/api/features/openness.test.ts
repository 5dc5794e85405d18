import pino from 'pino';
import { parse } from 'yaml';
import { createContext } from '../../../src/app/context';
import { toCsv } from '../../../src/export/export.csv';
import { exportTimeline } from '../../../src/export/export.service';
import { toTimelineJs } from '../../../src/export/export.timelinejs';
import { readRecords } from '../../../src/records/read';
import { releaseSchema } from '../../../src/releases/release.kind';
import { formatSeedFile } from '../../../src/seed/seed.format';
import { STORE_KINDS, TestApi } from '../../support/harness';

/*
 * Openness by component and staged variants, written through the mutations and read back
 * through the API, the seed format and the exports, on both stores: the expected JSON is
 * written out once, so both stores must answer it exactly.
 */

const OPENNESS = 'weights inferenceCode trainingCode trainingData dataCard modelCard paper meetsOsaid note sources { url title publisher }';
const FIELDS = `slug version accessLevel artifactType openness { ${OPENNESS} }
  variants { name parameterCount date datePrecision accessLevel } sources { url }`;
const ERRORS = 'userErrors { field message code }';
const CREATE = `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { ${FIELDS} } ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { ${FIELDS} } ${ERRORS} } }`;
const READ = `query ($slug: String!) { release(slug: $slug) { id ${FIELDS} } }`;

const restricted = {
  weights: 'RESTRICTED',
  inferenceCode: 'OPEN',
  trainingCode: 'CLOSED',
  trainingData: 'CLOSED',
  dataCard: 'NOT_APPLICABLE',
  modelCard: 'OPEN',
  paper: 'UNKNOWN',
  meetsOsaid: false,
  note: 'Community license: use restrictions and a monthly-user cap.',
  sources: [
    { url: 'https://example.org/quill-license', title: 'Quill community license', publisher: 'Example Labs' },
    { url: 'https://example.org/quill', title: 'Introducing Quill' }, // also the release's own source
  ],
};

/** A staged model release: the 1B and 7B on the release's day, the 70B a month later and only through an API. */
const quill = {
  slug: 'quill-1',
  name: 'Quill 1',
  artifactType: 'MODEL',
  organization: 'meta',
  date: '2024-03-05',
  datePrecision: 'DAY',
  accessLevel: 'OPEN_WEIGHTS',
  license: 'llama-3-1-community-license',
  openness: restricted,
  variants: [
    { name: 'Quill 1B', parameterCount: 1e9 },
    { name: 'Quill 7B', parameterCount: 7e9 },
    { name: 'Quill 70B', parameterCount: 7e10, date: '2024-04-01', datePrecision: 'MONTH', accessLevel: 'API' },
  ],
  sources: [{ url: 'https://example.org/quill', title: 'Introducing Quill', publisher: 'Example Labs' }],
};

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  let editor: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
    editor = await api.withKey('EDITOR', 'ada');
    const { createRelease } = await editor.gql(CREATE, { input: { ...quill, reason: 'test record' } });
    expect(createRelease.userErrors).toEqual([]);
  });
  afterAll(() => api.close());

  const read = async (slug: string) => (await api.gql(READ, { slug })).release;
  const create = async (over: Record<string, unknown>) =>
    (await editor.gql(CREATE, { input: { ...quill, slug: 'quill-bad', ...over } })).createRelease;

  describe('openness by component and staged variants', () => {
    it('reads openness, its sources and the variants’ own dates and access levels back exactly', async () => {
      expect(await read('quill-1')).toEqual({
        id: expect.any(String),
        slug: 'quill-1',
        version: 1,
        accessLevel: 'OPEN_WEIGHTS',
        artifactType: 'MODEL',
        openness: {
          ...restricted,
          sources: [
            { url: 'https://example.org/quill-license', title: 'Quill community license', publisher: 'Example Labs' },
            // A URL cited in both lists is one source: the detail left out in one is the other's.
            { url: 'https://example.org/quill', title: 'Introducing Quill', publisher: 'Example Labs' },
          ],
        },
        variants: [
          { name: 'Quill 1B', parameterCount: 1e9, date: null, datePrecision: null, accessLevel: null },
          { name: 'Quill 7B', parameterCount: 7e9, date: null, datePrecision: null, accessLevel: null },
          { name: 'Quill 70B', parameterCount: 7e10, date: '2024-04-01', datePrecision: 'MONTH', accessLevel: 'API' },
        ],
        sources: [{ url: 'https://example.org/quill' }],
      });
    });

    it('shows the seed’s openness where it applies, and null for software', async () => {
      const { olmo, pytorch } = await api.gql(
        '{ olmo: release(slug: "olmo") { accessLevel openness { weights trainingCode trainingData meetsOsaid sources { url } } } pytorch: release(slug: "pytorch") { artifactType openness { weights } } }',
      );
      // OLMo is OPEN_SOURCE, so by the rule its weights are OPEN. Openness is rated as of the release's date: its
      // training data was then under a license with use restrictions, which the Open Source AI Definition allows.
      expect(olmo).toMatchObject({
        accessLevel: 'OPEN_SOURCE',
        openness: { weights: 'OPEN', trainingCode: 'OPEN', trainingData: 'RESTRICTED', meetsOsaid: true },
      });
      expect(olmo.openness.sources.length).toBeGreaterThan(0);
      expect(pytorch).toEqual({ artifactType: 'SOFTWARE', openness: null });
    });

    it('keeps it in seed format for history, seed:export and re-seeding', async () => {
      const [record] = (await readRecords(api.store.db, 'releases', ['quill-1'])).map((r) => r.value);
      expect(record.openness).toEqual({
        ...restricted,
        sources: [
          { url: 'https://example.org/quill-license', title: 'Quill community license', publisher: 'Example Labs' },
          { url: 'https://example.org/quill', title: 'Introducing Quill', publisher: 'Example Labs' },
        ],
      });
      expect(record.variants).toEqual([
        { name: 'Quill 1B', parameterCount: 1e9 },
        { name: 'Quill 7B', parameterCount: 7e9 },
        { name: 'Quill 70B', parameterCount: 7e10, date: '2024-04', accessLevel: 'API' },
      ]);
      const yaml = formatSeedFile([{ kind: 'releases', records: [record] }]);
      expect(yaml).toContain(
        '    license: llama-3-1-community-license\n    openness:\n      weights: RESTRICTED\n      inferenceCode: OPEN\n',
      );
      expect(yaml).toContain(
        '      - name: Quill 70B\n        parameterCount: 70000000000\n        date: "2024-04"\n        accessLevel: API\n',
      );
      const reparsed = (parse(yaml) as { releases: unknown[] }).releases.map((r) => releaseSchema.parse(r));
      expect(reparsed).toEqual([record]);

      const { release } = await api.gql('{ release(slug: "quill-1") { history { nodes { operation after } } } }');
      expect(release.history.nodes[0].after.openness.weights).toBe('RESTRICTED');
      expect(release.history.nodes[0].after.variants[2]).toEqual({
        name: 'Quill 70B',
        parameterCount: 7e10,
        date: '2024-04',
        accessLevel: 'API',
      });
    });

    it('refuses openness that does not fit the access level or the artifact, naming the field, and writes nothing', async () => {
      const sourcesBefore = await api.store.db
        .selectFrom('sources')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const openSource = await create({ accessLevel: 'OPEN_SOURCE', license: 'apache-2-0' });
      expect(openSource.release).toBeNull();
      expect(openSource.userErrors).toEqual([
        {
          field: ['input', 'openness', 'weights'],
          code: 'INVALID',
          message: 'is RESTRICTED, which does not fit accessLevel OPEN_SOURCE: OPEN_SOURCE means weights OPEN',
        },
      ]);
      const hosted = await create({
        accessLevel: 'API',
        license: null,
        variants: [],
        openness: { ...restricted, weights: 'OPEN', sources: [] },
      });
      expect(hosted.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'openness', 'weights'], message: expect.stringMatching(/API means weights CLOSED/) }),
      ]);
      const software = await create({ artifactType: 'SOFTWARE', variants: [] });
      expect(software.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'openness'], message: expect.stringMatching(/for models only/) }),
      ]);
      expect(await read('quill-bad')).toBeNull();
      const sourcesAfter = await api.store.db
        .selectFrom('sources')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(sourcesAfter.n)).toBe(Number(sourcesBefore.n)); // the openness sources were not stored either
    });

    it('refuses a variant dated before its release, or repeating the release’s date or access level', async () => {
      const early = await create({ variants: [{ name: 'Quill 0', date: '2024-03-04' }] });
      expect(early.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'variants', '0', 'date'],
          code: 'INVALID',
          message: expect.stringContaining("is before the release's date"),
        }),
      ]);
      const same = await create({ variants: [{ name: 'Quill 0', date: '2024-03-05', accessLevel: 'OPEN_WEIGHTS' }] });
      expect(same.userErrors.map((e: { field: string[] }) => e.field)).toEqual([
        ['input', 'variants', '0', 'date'],
        ['input', 'variants', '0', 'accessLevel'],
      ]);
      const precision = await create({ variants: [{ name: 'Quill 0', date: '2024-04-02', datePrecision: 'MONTH' }] });
      expect(precision.userErrors).toEqual([expect.objectContaining({ field: ['input', 'variants', '0', 'date'] })]);
      expect(await read('quill-bad')).toBeNull();
    });

    it('checks openness sources like any source: one document, one URL, one set of details', async () => {
      const respelled = await create({
        openness: { ...restricted, sources: [{ url: 'http://www.example.org/quill-license/', title: 'Again' }] },
      });
      expect(respelled.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'openness', 'sources', '0', 'url'],
          message: expect.stringContaining('same document as the source https://example.org/quill-license'),
        }),
      ]);
      const twoTitles = await create({
        sources: [{ url: 'https://example.org/quill-bad', title: 'One title' }],
        openness: { ...restricted, sources: [{ url: 'https://example.org/quill-bad', title: 'Another title' }] },
      });
      expect(twoTitles.userErrors).toEqual([expect.objectContaining({ field: ['input', 'openness', 'sources', '0', 'title'] })]);
    });

    it('loads every release’s openness sources in one statement', async () => {
      // OLMo alone, then every release (OLMo and Quill 1 among them).
      const page = (filter: string, sources: boolean) =>
        `{ releases(${filter}) { nodes { slug openness { weights ${sources ? 'sources { url }' : ''} } } } }`;
      const count = async (query: string) => {
        api.store.resetCount();
        await api.gql(query);
        return api.store.statements();
      };
      for (const filter of ['filter: { from: "2024-02-01", to: "2024-02-01" }', 'first: 100'])
        expect((await count(page(filter, true))) - (await count(page(filter, false)))).toBe(1);
    });

    it('updates openness as a whole, refuses an access level its weights do not fit, and clears it with null', async () => {
      const { id } = await read('quill-1');
      const moved = await editor.gql(UPDATE, { input: { id, version: 1, accessLevel: 'API', license: null, variants: [] } });
      expect(moved.updateRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'openness', 'weights'] })]);
      expect((await read('quill-1')).version).toBe(1);

      const replaced = await editor.gql(UPDATE, {
        input: { id, version: 1, openness: { ...restricted, meetsOsaid: null, note: null, sources: null, paper: 'OPEN' } },
      });
      expect(replaced.updateRelease.userErrors).toEqual([]);
      expect(replaced.updateRelease.release).toMatchObject({
        version: 2,
        openness: { paper: 'OPEN', meetsOsaid: null, note: null, sources: [] },
      });

      const cleared = await editor.gql(UPDATE, { input: { id, version: 2, openness: null, variants: [{ name: 'Quill 1B' }] } });
      expect(cleared.updateRelease.userErrors).toEqual([]);
      expect(cleared.updateRelease.release).toMatchObject({ version: 3, openness: null, variants: [{ name: 'Quill 1B', date: null }] });
      const [record] = await readRecords(api.store.db, 'releases', ['quill-1']);
      expect(record.value).not.toHaveProperty('openness');
      const left = await api.store.db
        .selectFrom('citations')
        .select('list')
        .where('subject_type', '=', 'RELEASE')
        .where('subject_id', '=', record.id)
        .execute();
      expect(left.map((c) => c.list)).toEqual(['sources']);
    });

    it('is in the CSV as one column and on the TimelineJS slide', async () => {
      const { id, version } = await read('quill-1');
      await editor.gql(UPDATE, { input: { id, version, openness: restricted } });
      const events = await exportTimeline(createContext(api.store, 'test', pino({ level: 'silent' })), {
        organizations: ['meta'],
        from: '2024-03-05',
        to: '2024-03-05',
      });
      const [header, ...rows] = toCsv(events).trim().split(/\r?\n/);
      const column = header.split(',').indexOf('openness');
      expect(column).toBeGreaterThan(header.split(',').indexOf('open_weights'));
      const cells = rows.find((r) => r.includes('Quill 1'))!.split(',');
      expect(cells[column]).toBe(
        'weights=RESTRICTED;inferenceCode=OPEN;trainingCode=CLOSED;trainingData=CLOSED;dataCard=NOT_APPLICABLE;modelCard=OPEN;paper=UNKNOWN;meetsOsaid=false',
      );
      const slide = toTimelineJs(events, 'test').events.find((e) => e.unique_id === 'release-quill-1')!;
      expect(slide.text.text).toContain('<strong>Openness:</strong> weights: restricted; inference code: open;');
    });

    it('refuses meetsOsaid true unless weights, inference code and training code are OPEN, on create and on update', async () => {
      const restrictedOsaid = await create({ openness: { ...restricted, meetsOsaid: true } });
      expect(restrictedOsaid.userErrors).toEqual([
        {
          field: ['input', 'openness', 'meetsOsaid'],
          code: 'INVALID',
          message:
            'is true, but the Open Source AI Definition 1.0 requires the weights and the complete inference and training code under open terms, and weights is RESTRICTED, trainingCode is CLOSED: set it false, or leave it out when not assessed',
        },
      ]);
      expect(await read('quill-bad')).toBeNull();

      // Open weights and code meet it: the definition asks for information about the training data, not for open data.
      const osaid = { ...restricted, weights: 'OPEN', trainingCode: 'OPEN', trainingData: 'RESTRICTED', meetsOsaid: true };
      const open = await create({ slug: 'quill-osaid', accessLevel: 'OPEN_SOURCE', license: 'apache-2-0', openness: osaid });
      expect(open.userErrors).toEqual([]);
      expect(open.release.openness).toMatchObject({ weights: 'OPEN', trainingData: 'RESTRICTED', meetsOsaid: true });

      const { id, version } = await read('quill-osaid');
      const lowered = await editor.gql(UPDATE, { input: { id, version, openness: { ...osaid, inferenceCode: 'RESTRICTED' } } });
      expect(lowered.updateRelease.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'openness', 'meetsOsaid'],
          message: expect.stringContaining('and inferenceCode is RESTRICTED: set it false'),
        }),
      ]);
      expect((await read('quill-osaid')).version).toBe(version);
    });

    it('takes an empty list of openness sources as none, which the seed format leaves out', async () => {
      const made = await create({ slug: 'quill-unsourced', openness: { ...restricted, sources: [] } });
      expect(made.userErrors).toEqual([]);
      expect(made.release.openness.sources).toEqual([]);
      const [record] = await readRecords(api.store.db, 'releases', ['quill-unsourced']);
      expect(record.value.openness).toEqual({ ...restricted, sources: undefined });
      expect(record.value.openness).not.toHaveProperty('sources');
      // The record as seed:export writes it is a valid seed record, equal to the one stored.
      const yaml = formatSeedFile([{ kind: 'releases', records: [record.value] }]);
      expect(yaml).not.toContain('sources: []');
      expect((parse(yaml) as { releases: unknown[] }).releases.map((r) => releaseSchema.parse(r))).toEqual([record.value]);
    });

    it('tells an update that makes a model software to clear the openness it keeps from the stored record', async () => {
      const made = await create({ slug: 'quill-tool' });
      expect(made.userErrors).toEqual([]);
      const { id, version } = await read('quill-tool');
      const moved = await editor.gql(UPDATE, { input: { id, version, artifactType: 'SOFTWARE' } });
      expect(moved.updateRelease.userErrors).toEqual([
        {
          field: ['input', 'openness'],
          code: 'INVALID',
          message:
            'is for models only: a SOFTWARE release has no openness by component; remove it (leave it out, or set openness: null in an update)',
        },
      ]);
      const cleared = await editor.gql(UPDATE, { input: { id, version, artifactType: 'SOFTWARE', openness: null } });
      expect(cleared.updateRelease.userErrors).toEqual([]);
      expect(cleared.updateRelease.release).toMatchObject({ artifactType: 'SOFTWARE', openness: null });
    });

    it('compares a variant’s date with the release’s as periods', async () => {
      // Quill is dated 2024-03-05: a variant of 2024 or of March 2024 may have come out with it or after.
      const variant = (date: string, datePrecision: string) => ({ name: 'Quill 0', date, datePrecision });
      for (const [slug, date, precision] of [
        ['quill-year', '2024-01-01', 'YEAR'],
        ['quill-month', '2024-03-01', 'MONTH'],
      ]) {
        const made = await create({ slug, variants: [variant(date, precision)] });
        expect(made.userErrors).toEqual([]);
        expect(made.release.variants).toEqual([
          { name: 'Quill 0', parameterCount: null, date, datePrecision: precision, accessLevel: null },
        ]);
      }
      // One whose whole period ends before the release's day comes first.
      for (const [date, precision] of [
        ['2023-01-01', 'YEAR'],
        ['2024-02-01', 'MONTH'],
      ]) {
        const early = await create({ variants: [variant(date, precision)] });
        expect(early.userErrors).toEqual([
          expect.objectContaining({
            field: ['input', 'variants', '0', 'date'],
            message: expect.stringContaining("is before the release's date"),
          }),
        ]);
      }
      expect(await read('quill-bad')).toBeNull();
    });
  });
});
