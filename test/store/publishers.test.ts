import { readRecords } from '../../src/curation/records';
import { applySeed } from '../../src/seed/seed.apply';
import { loadSeedDir, parseSeed, SeedValidationError, type SeedIssue, type SeedText } from '../../src/seed/seed.loader';
import { PublisherIndex } from '../../src/seed/seed.publishers';
import { normalizeUrl } from '../../src/seed/seed.urls';
import { createTestStore, STORE_KINDS } from '../support/harness';

/* The publisher rules of the seed check, on small seed directories written here. */

const PUBLISHERS = `publishers:
  - name: Acme
    aliases: [Acme AI]
    class: PRIMARY
    sites:
      - acme.example
      - github.com/acme
      - huggingface.co/acme

  - name: Financial Times
    class: PRESS
    sites:
      - ft.com

  - name: Reuters
    class: PRESS
    sites:
      - reuters.com
`;

const ORGS = `organizations:
  - slug: acme
    name: Acme AI
    kind: COMPANY
`;

const release = (...sources: string[]) => `releases:
  - slug: acme-1
    name: Acme 1
    title: Acme releases its first model
    artifactType: MODEL
    organization: acme
    date: "2024-03-02"
    accessLevel: OPEN_WEIGHTS
    sources:
${sources.join('')}`;

const source = (url: string, publisher?: string) =>
  `      - url: ${url}\n        title: A document\n${publisher ? `        publisher: ${publisher}\n` : ''}`;

const files = (releases: string): SeedText[] => [
  { name: 'seed/orgs.yaml', text: ORGS },
  { name: 'seed/releases.yaml', text: releases },
];
const publishers: SeedText = { name: 'seed/publishers.yaml', text: PUBLISHERS };

function issuesOf(texts: SeedText[], list: SeedText = publishers): SeedIssue[] {
  try {
    parseSeed(texts, { publishers: list });
  } catch (err) {
    if (err instanceof SeedValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected the seed to be rejected');
}

describe('publisher rules', () => {
  it('accepts sources on listed sites, labelled with the name or an alias', () => {
    const texts = files(
      release(
        source('https://acme.example/blog/acme-1', 'Acme AI'),
        source('https://github.com/acme/acme-1', 'Acme'),
        source('https://www.ft.com/content/acme', 'Financial Times'),
      ),
    );
    expect(parseSeed(texts, { publishers }).releases).toHaveLength(1);
  });

  it('refuses a mirror of a listed site, with file, line and path', () => {
    const text = release(source('https://acme.example/blog/acme-1', 'Acme'), source('https://hf-mirror.com/acme/acme-1'));
    const issues = issuesOf(files(text));
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'seed/releases.yaml',
        line: text.split('\n').findIndex((l) => l.includes('hf-mirror.com')) + 1,
        path: 'releases[0].sources[1].url',
        message: expect.stringContaining('the host of https://hf-mirror.com/acme/acme-1 belongs to no publisher in publishers.yaml'),
      }),
    ]);
  });

  it('refuses a repository on a shared host outside the listed path', () => {
    const issues = issuesOf(files(release(source('https://acme.example/a'), source('https://huggingface.co/someone-else/acme-1'))));
    expect(issues.map((i) => i.path)).toEqual(['releases[0].sources[1].url']);
  });

  it('refuses a publisher label that names someone else than the host’s publisher', () => {
    const issues = issuesOf(files(release(source('https://www.ft.com/content/acme', 'Reuters'))));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'releases[0].sources[0].publisher',
        message: expect.stringMatching(
          /publisher "Reuters" is not the one https:\/\/www\.ft\.com\/content\/acme belongs to: its host is Financial Times's/,
        ),
      }),
    ]);
  });

  it('refuses an event whose only source is on an unlisted host', () => {
    const issues = issuesOf(files(release(source('https://ai-timeline.example.net/acme-1'))));
    expect(issues.map((i) => [i.path, i.message.slice(0, 40)])).toEqual([
      ['releases[0].sources[0].url', 'the host of https://ai-timeline.example.'],
      ['releases[0].sources', 'a release needs at least one source from'],
    ]);
  });

  it('holds openness sources to the same rules: a listed host, its publisher’s label, one URL per document', () => {
    const openness = (...sources: string[]) =>
      `    openness:\n      weights: RESTRICTED\n      inferenceCode: OPEN\n      trainingCode: CLOSED\n      trainingData: CLOSED\n      dataCard: CLOSED\n      modelCard: OPEN\n      paper: OPEN\n      sources:\n${sources.map((x) => x.replace(/^ {6}/gm, '        ')).join('')}`;
    const text = release(source('https://acme.example/blog/acme-1', 'Acme')).replace(
      '    sources:\n',
      openness(
        source('https://hf-mirror.com/acme/acme-1'),
        source('https://www.ft.com/content/acme', 'Reuters'),
        source('http://acme.example/blog/acme-1/'),
      ) + '    sources:\n',
    );
    expect(issuesOf(files(text)).map((i) => [i.path, i.line])).toEqual([
      // The same document written two ways is found with the other checks across files, before the publisher rules.
      ['releases[0].openness.sources[2].url', text.split('\n').findIndex((l) => l.includes('http://acme.example')) + 1],
      ['releases[0].openness.sources[0].url', text.split('\n').findIndex((l) => l.includes('hf-mirror.com')) + 1],
      ['releases[0].openness.sources[1].publisher', text.split('\n').findIndex((l) => l.includes('Reuters')) + 1],
    ]);
  });

  it('refuses a publisher list that is not well formed', () => {
    const list = {
      name: 'seed/publishers.yaml',
      text: PUBLISHERS.replace('class: PRESS', 'class: NEWS').replace('- ft.com', '- https://www.ft.com/'),
    };
    const issues = issuesOf(files(release(source('https://acme.example/a'))), list);
    expect(issues.map((i) => [i.file, i.path])).toEqual([
      ['seed/publishers.yaml', 'publishers[1].class'],
      ['seed/publishers.yaml', 'publishers[1].sites[0]'],
    ]);
    expect(issues[0]!.message).toBe('must be one of PRIMARY, PRESS, got "NEWS"');
  });

  it('refuses a seed without its publisher list when one is required', () => {
    expect(() => parseSeed(files(release(source('https://acme.example/a'))), { requirePublishersAt: 'seed/publishers.yaml' })).toThrow(
      /seed\/publishers\.yaml: not found: the seed needs its publisher list/,
    );
  });

  it('finds the publisher by the longest matching site', () => {
    const index = new PublisherIndex([
      { name: 'GitHub', class: 'PRIMARY', sites: ['github.com'] },
      { name: 'Acme', class: 'PRIMARY', sites: ['github.com/acme'] },
    ]);
    expect(index.publisherOf('https://github.com/Acme/model')?.name).toBe('Acme');
    expect(index.publisherOf('https://github.com/acme-fork/model')?.name).toBe('GitHub');
    expect(index.publisherOf('https://docs.github.com/x')?.name).toBe('GitHub');
  });
});

describe('one document, one URL', () => {
  it('normalizes scheme and host case, www., tracking parameters, trailing slash and fragment', () => {
    expect(normalizeUrl('https://WWW.Example.com/a/?utm_source=x')).toBe(normalizeUrl('https://example.com/a'));
    expect(normalizeUrl('HTTPS://Example.com/a/b/#part')).toBe('https://example.com/a/b');
    expect(normalizeUrl('https://example.com/a?id=3&fbclid=z&gclid=y&ref=feed')).toBe('https://example.com/a?id=3');
    expect(normalizeUrl('https://example.com/')).toBe('https://example.com/');
    expect(normalizeUrl('https://example.com/A')).not.toBe(normalizeUrl('https://example.com/a'));
  });

  it('refuses two URLs for one document, with or without a publisher list', () => {
    const text = release(source('https://acme.example/a'), source('https://WWW.Acme.example/a/?utm_source=x'));
    const expected = [
      expect.objectContaining({
        path: 'releases[0].sources[1].url',
        message:
          'https://WWW.Acme.example/a/?utm_source=x is the same document as https://acme.example/a (cited in seed/releases.yaml at releases[0]): cite it with one URL',
      }),
    ];
    expect(issuesOf(files(text))).toEqual(expected);
    expect(() => parseSeed(files(text))).toThrow(/is the same document as https:\/\/acme\.example\/a/);
  });
});

describe('archiveUrl', () => {
  const archived = (url: string) => files(release(`${source('https://acme.example/a', 'Acme')}        archiveUrl: ${url}\n`));

  it('takes a snapshot on a web archive', () => {
    const data = parseSeed(archived('https://web.archive.org/web/20240302000000/https://acme.example/a'), { publishers });
    expect(data.releases[0]!.value.sources[0]!.archiveUrl).toBe('https://web.archive.org/web/20240302000000/https://acme.example/a');
    expect(parseSeed(archived('https://archive.ph/AbCdE'), { publishers }).releases).toHaveLength(1);
  });

  it('refuses any other host', () => {
    const issues = issuesOf(archived('https://mirror.example.org/acme.example/a'));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'releases[0].sources[0].archiveUrl',
        message: expect.stringContaining('must be a snapshot on a web archive'),
      }),
    ]);
  });
});

describe.each(STORE_KINDS)('archiveUrl in the store (%s)', (kind) => {
  it('is stored with its source and read back in seed format', async () => {
    const store = await createTestStore({ kind, seeded: false });
    try {
      const url = 'https://web.archive.org/web/20240302000000/https://acme.example/a';
      const texts = files(release(`${source('https://acme.example/a', 'Acme')}        archiveUrl: ${url}\n`));
      await applySeed(store, parseSeed(texts, { publishers }));
      const [back] = await readRecords(store.db, store.adapter, 'releases', ['acme-1']);
      expect(back!.value.sources).toEqual([{ url: 'https://acme.example/a', title: 'A document', publisher: 'Acme', archiveUrl: url }]);
    } finally {
      await store.close();
    }
  });
});

describe('the committed seed', () => {
  it('passes the publisher rules', () => {
    expect(loadSeedDir('seed', { publishers: 'require' }).releases.length).toBeGreaterThan(0);
  });
});
