import { createApiKey } from '../../src/auth/api-keys';
import { createContext } from '../../src/app/context';
import { exportTimeline } from '../../src/export/export.service';
import { createTestStore, STORE_KINDS, type TestStore } from '../support/harness';
import { postGraphql, startService } from '../support/service';
import pino from 'pino';

/* The exports over real HTTP, parsed as a timeline tool and a spreadsheet would read them. */

// The fields TimelineJS3 documents (timeline.knightlab.com/docs/json-format.html).
const TIMELINEJS = {
  document: ['events', 'title', 'eras', 'scale'],
  slide: ['start_date', 'end_date', 'text', 'media', 'group', 'display_date', 'background', 'autolink', 'unique_id'],
  date: ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'display_date'],
  text: ['headline', 'text'],
};

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (rows.push([...row, field]), (row = []), (field = ''), i++);
    else field += c;
  }
  expect(field).toBe(''); // the last line ends with CRLF
  return rows;
}

const TIMELINE = /* GraphQL */ `
  query ($filter: TimelineFilter, $after: String) {
    timeline(filter: $filter, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        __typename
        slug
        date
        datePrecision
        sources {
          url
        }
      }
    }
  }
`;

// What the CSV repeats of each event, as the API gives it.
const ROWS = /* GraphQL */ `
  query ($filter: TimelineFilter) {
    timeline(filter: $filter, first: 100) {
      pageInfo {
        hasNextPage
      }
      nodes {
        eventType
        title
        relations {
          type
          event {
            eventType
            slug
          }
        }
        ... on PolicyPosition {
          actor {
            ... on Person {
              name
            }
            ... on Organization {
              name
            }
          }
          topic
          stance
          quote
        }
      }
    }
  }
`;

describe.each(STORE_KINDS)('exports on %s', (kind) => {
  let store: TestStore;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    store = await createTestStore({ kind });
    ({ base, close } = await startService(store));
  });
  afterAll(async () => {
    await close();
    await store.close();
  });

  const get = (path: string) => fetch(`${base}${path}`);
  const json = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };
  const timeline = async (filter: Record<string, unknown>) => (await postGraphql(base, TIMELINE, { filter })).timeline;

  describe('GET /export/timeline.json', () => {
    it("is a TimelineJS3 document of Meta's events in date order, only documented fields, dates as precise as known", async () => {
      const res = await get('/export/timeline.json?organizations=meta');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const doc: any = await res.json();
      const expected = await timeline({ organizations: ['meta'] });
      expect(doc.events).toHaveLength(expected.totalCount);
      expect(expected.pageInfo.hasNextPage).toBe(false);

      for (const key of Object.keys(doc)) expect(TIMELINEJS.document).toContain(key);
      expect(doc.title.text.headline).toBeTruthy();
      for (const slide of doc.events) {
        for (const key of Object.keys(slide)) expect(TIMELINEJS.slide).toContain(key);
        for (const key of Object.keys(slide.start_date)) expect(TIMELINEJS.date).toContain(key);
        for (const key of Object.keys(slide.text)) expect(TIMELINEJS.text).toContain(key);
        expect(Number.isInteger(slide.start_date.year)).toBe(true);
        expect(typeof slide.text.headline).toBe('string');
        expect(['Releases', 'Policy positions', 'Policy actions']).toContain(slide.group);
        expect(slide.text.text).toMatch(/<a href="https?:\/\/[^"]+">/);
      }
      // Same events, same order as the GraphQL timeline.
      expect(doc.events.map((e: any) => e.unique_id.replace(/^(release|position|action)-/, ''))).toEqual(
        expected.nodes.map((n: any) => n.slug),
      );
      // Meta issues no policy action; those here are the ones it signed.
      expect(doc.events.some((e: any) => e.group === 'Policy actions')).toBe(true);
      const ids = doc.events.map((e: any) => e.unique_id);
      expect(new Set(ids).size).toBe(ids.length);

      const byId = Object.fromEntries(doc.events.map((e: any) => [e.unique_id, e]));
      expect(byId['release-pytorch'].start_date).toEqual({ year: 2017, month: 1 }); // "2017-01": MONTH
      expect(byId['release-llama-3-1'].start_date).toEqual({ year: 2024, month: 7, day: 23 });
      expect(byId['release-llama-3-1'].group).toBe('Releases');
      expect(byId['release-llama-3-1'].text.text).toContain('Llama 3.1 405B');
      expect(byId['release-llama-3-1'].text.text).toContain('<a href="https://ai.meta.com/blog/meta-llama-3-1/">');
      expect(byId['position-zuckerberg-open-source-ai-path-forward'].group).toBe('Policy positions');
      expect(byId['position-zuckerberg-open-source-ai-path-forward'].text.text).toContain('<blockquote>');
      // Relations, one paragraph per kind of link, naming the other event by its headline.
      expect(byId['release-code-llama'].text.text).toContain(
        '<p><strong>Based on:</strong> Meta releases Llama 2 with open weights for research and commercial use</p>',
      );
    });

    it('takes the timeline filters, as lists or repeated parameters, and matches the GraphQL answer', async () => {
      const commas = await json(
        '/export/timeline.json?organizations=meta,openai&eventTypes=RELEASE&openOnly=true&from=2019-01-01&to=2024-12-31',
      );
      const repeated = await json(
        '/export/timeline.json?organizations=meta&organizations=openai&eventTypes=release&openOnly=1&from=2019-01-01&to=2024-12-31',
      );
      expect(repeated).toEqual(commas);
      const expected = await timeline({
        organizations: ['meta', 'openai'],
        eventTypes: ['RELEASE'],
        openOnly: true,
        from: '2019-01-01',
        to: '2024-12-31',
      });
      const slugs = commas.events.map((e: any) => e.unique_id);
      expect(slugs).toEqual(expected.nodes.map((n: any) => `release-${n.slug}`));
      expect(slugs).toContain('release-gpt-2');
      expect(slugs).not.toContain('release-gpt-4'); // API only: not open
      expect(slugs).not.toContain('release-pytorch'); // 2017
      expect(commas.events.every((e: any) => e.group === 'Releases')).toBe(true);
    });

    it('takes organizationsApplyTo: some organizations, beside the policy actions of a jurisdiction', async () => {
      const doc = await json('/export/timeline.json?organizations=meta&organizationsApplyTo=release,POLICY_POSITION&jurisdictions=EU');
      const expected = await timeline({
        organizations: ['meta'],
        organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'],
        jurisdictions: ['EU'],
      });
      expect(doc.events.map((e: any) => e.unique_id)).toEqual(
        expected.nodes.map(
          (n: any) => `${{ Release: 'release', PolicyPosition: 'position', PolicyAction: 'action' }[n.__typename as string]}-${n.slug}`,
        ),
      );
      const actions = doc.events.filter((e: any) => e.group === 'Policy actions').map((e: any) => e.unique_id);
      const eu = await timeline({ eventTypes: ['POLICY_ACTION'], jurisdictions: ['EU'] });
      expect(actions).toEqual(eu.nodes.map((n: any) => `action-${n.slug}`)); // every EU action, whoever issued or signed it
      expect(actions.length).toBeGreaterThan(0);
      expect(doc.events.length).toBeGreaterThan(actions.length);
    });
  });

  describe('GET /export/timeline.csv', () => {
    it('has one row per event with the sources joined, and reads back field for field', async () => {
      const res = await get('/export/timeline.csv?organizations=meta,openai');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers.get('content-disposition')).toContain('timeline.csv');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
      const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(header).toEqual([
        'date',
        'date_precision',
        'event_type',
        'organization',
        'title',
        'name',
        'access_level',
        'is_open',
        'license',
        'variants',
        'actor',
        'topic',
        'stance',
        'quote',
        'summary',
        'source_urls',
        'source_titles',
        'kind',
        'jurisdiction',
        'status',
        'open_weights',
        'openness',
        'relations',
      ]);
      for (const r of rows) expect(r).toHaveLength(header.length);
      const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));

      const expected = await timeline({ organizations: ['meta', 'openai'] });
      expect(records.map((r) => `${r.date}|${r.title}`).length).toBe(expected.totalCount);
      expect(records.map((r) => r.date)).toEqual(expected.nodes.map((n: any) => n.date));
      expect(records.map((r) => JSON.parse(r.source_urls))).toEqual(expected.nodes.map((n: any) => n.sources.map((s: any) => s.url)));
      expect(records.map((r) => r.date_precision)).toEqual(expected.nodes.map((n: any) => n.datePrecision));

      const llama = records.find((r) => r.name === 'Llama 3.1')!;
      expect(llama).toMatchObject({
        date: '2024-07-23',
        event_type: 'RELEASE',
        organization: 'meta',
        access_level: 'OPEN_WEIGHTS',
        is_open: 'true',
        license: 'Llama 3.1 Community License Agreement',
      });
      expect(llama.variants).toContain('Llama 3.1 405B: 405000000000');
      expect(llama.summary).toContain('"Llama"'); // a quoted field with commas and quotes, read back intact
      expect(JSON.parse(llama.source_urls)).toContain('https://ai.meta.com/blog/meta-llama-3-1/');
      // Openness is a release's, one cell: `weights=...;inferenceCode=...;...` in the components' order.
      for (const r of records) {
        if (r.event_type !== 'RELEASE') expect(r.openness).toBe('');
        else if (r.openness)
          expect(r.openness).toMatch(
            /^weights=[A-Z_]+;inferenceCode=[A-Z_]+;trainingCode=[A-Z_]+;trainingData=[A-Z_]+;dataCard=[A-Z_]+;modelCard=[A-Z_]+;paper=[A-Z_]+(;meetsOsaid=(true|false))?$/,
          );
      }
      const gpt4 = records.find((r) => r.name === 'GPT-4')!;
      expect(gpt4).toMatchObject({ access_level: 'API', is_open: 'false', license: '' });
      // Row by row against the API: a position's columns, and every event's links as TYPE:EVENT_TYPE/slug joined by "; ".
      const api = (await postGraphql(base, ROWS, { filter: { organizations: ['meta', 'openai'] } })).timeline;
      expect(api.pageInfo.hasNextPage).toBe(false);
      expect(api.nodes).toHaveLength(records.length);
      records.forEach((r, i) => {
        const n = api.nodes[i];
        expect({ event_type: r.event_type, title: r.title, relations: r.relations }).toEqual({
          event_type: n.eventType,
          title: n.title,
          relations: n.relations.map((l: any) => `${l.type}:${l.event.eventType}/${l.event.slug}`).join('; '),
        });
        if (n.eventType === 'POLICY_POSITION')
          expect({ actor: r.actor, topic: r.topic, stance: r.stance, quote: r.quote, name: r.name }).toEqual({
            actor: n.actor.name,
            topic: n.topic,
            stance: n.stance,
            quote: n.quote ?? '',
            name: '',
          });
      });
      const positions = records.filter((r) => r.event_type === 'POLICY_POSITION');
      expect(positions.some((r) => r.actor === 'Mark Zuckerberg' && r.quote !== '' && r.stance !== '')).toBe(true);
      expect(records.filter((r) => r.relations !== '').length).toBeGreaterThan(0);
    });
  });

  describe('CSV cells that could be misread', () => {
    // A store of its own: these edits must not leak into the other tests' expectations.
    let edited: TestStore;
    let editedBase: string;
    let closeEdited: () => Promise<void>;
    const TRICKY_TITLE = 'Llama 3.1 | Meta | the announcement';
    // URL parsing takes a space in a path, and so do the seed and the API: a URL is no safe separator.
    const SPACED = { url: 'https://example.org/press kit/llama 3.1.pdf', title: 'Press kit, Llama 3.1' };
    const FORMULAS = [
      '\uff1dHYPERLINK("https://evil.example","x")',
      '\uff0b1+1',
      '\uff0dcmd',
      '\uff20SUM(A1)',
      '\tinjected',
      '\r=1+1',
      '  =1+1',
      '=1+1',
    ];
    beforeAll(async () => {
      edited = await createTestStore({ kind });
      ({ base: editedBase, close: closeEdited } = await startService(edited));
      await edited.db
        .updateTable('sources')
        .set({ title: TRICKY_TITLE })
        .where('url', '=', 'https://ai.meta.com/blog/meta-llama-3-1/')
        .execute();
      // Added through the API, as an editor would.
      const { key } = await createApiKey(edited.db, 'csv-editor', 'EDITOR');
      const asEditor = async (query: string, variables: Record<string, unknown>) => {
        const res = await fetch(`${editedBase}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query, variables }),
        });
        const body: any = await res.json();
        expect(body.errors).toBeUndefined();
        return body.data;
      };
      const { release } = await asEditor('query ($slug: String!) { release(slug: $slug) { id version } }', { slug: 'llama-3-1' });
      const added = await asEditor(
        'mutation ($input: AddEventSourceInput!) { addEventSource(input: $input) { userErrors { code message } } }',
        {
          input: { eventId: release.id, version: release.version, source: SPACED },
        },
      );
      expect(added.addEventSource.userErrors).toEqual([]);
      const slugs = (await edited.db.selectFrom('releases').select('slug').where('slug', '!=', 'llama-3-1').orderBy('slug').execute()).map(
        (r) => r.slug,
      );
      expect(slugs.length).toBeGreaterThanOrEqual(FORMULAS.length);
      for (const [i, title] of FORMULAS.entries())
        await edited.db.updateTable('releases').set({ title }).where('slug', '=', slugs[i]).execute();
    });
    afterAll(async () => {
      await closeEdited();
      await edited.close();
    });
    const records = async (query: string) => {
      const res = await fetch(`${editedBase}/export/timeline.csv?${query}`);
      expect(res.status).toBe(200);
      const [header, ...rows] = parseCsv((await res.text()).replace(/^\ufeff/, ''));
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };

    it('pairs every source title with its URL, even a title holding " | " and a URL holding a space', async () => {
      const llama = (await records('organizations=meta')).find((r) => r.name === 'Llama 3.1')!;
      const urls = JSON.parse(llama.source_urls) as string[];
      const titles = JSON.parse(llama.source_titles) as string[];
      expect(titles).toHaveLength(urls.length);
      expect(titles[urls.indexOf('https://ai.meta.com/blog/meta-llama-3-1/')]).toBe(TRICKY_TITLE);
      expect(titles[urls.indexOf(SPACED.url)]).toBe(SPACED.title);
      for (const r of await records('organizations=meta,openai'))
        expect((JSON.parse(r.source_titles) as string[]).length).toBe((JSON.parse(r.source_urls) as string[]).length);
    });

    it('neutralises formula triggers, full-width ones included, with a leading apostrophe', async () => {
      const titles = (await records('eventTypes=RELEASE')).map((r) => r.title);
      for (const formula of FORMULAS) expect(titles).toContain(`'${formula}`);
      expect(titles.some((t) => /^[A-Za-z]/.test(t))).toBe(true); // ordinary text is left alone
      expect(titles.filter((t) => !t.startsWith("'")).every((t) => !/^[\s]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(t))).toBe(true);
    });
  });

  describe('bad parameters', () => {
    it.each([
      ['organizations=nope', 'organizations', /unknown organization slug\(s\): "nope"/],
      ['organizations=Meta Inc', 'organizations', /not an organization slug/],
      ['organizations=meta,', 'organizations', /empty value/],
      ['eventTypes=RELEASE,PARTY', 'eventTypes', /unknown value\(s\) "PARTY"; expected RELEASE, POLICY_POSITION/],
      ['organizationsApplyTo=RELEASE,PARTY', 'organizationsApplyTo', /unknown value\(s\) "PARTY"; expected RELEASE, POLICY_POSITION/],
      ['organizationsApplyTo=', 'organizationsApplyTo', /empty value/],
      ['accessLevels=FREE', 'accessLevels', /expected CLOSED, HOSTED/],
      ['topics=WEATHER', 'topics', /"WEATHER"/],
      ['openOnly=maybe', 'openOnly', /not a boolean/],
      ['from=2024-02-30', 'from', /not a date/],
      ['to=yesterday', 'to', /not a date/],
      ['from=2024-01-01&to=2023-01-01', 'from', /is after "to"/],
      ['from=2020-01-01&from=2021-01-01', 'from', /more than once/],
      ['org=meta', 'org', /not a parameter of this export/],
    ])('%s is a 400 naming %s', async (query, parameter, message) => {
      for (const format of ['json', 'csv']) {
        const res = await get(`/export/timeline.${format}?${query}`);
        expect(res.status).toBe(400);
        const body: any = await res.json();
        expect(body).toMatchObject({ statusCode: 400, code: 'BAD_USER_INPUT', parameter });
        expect(body.message).toMatch(new RegExp(`^Parameter "${parameter}": `));
        expect(body.message).toMatch(message);
      }
    });
  });

  describe('the export service', () => {
    it('walks every page of the timeline, whatever the page size, at a fixed number of statements per page', async () => {
      const ctx = () => createContext(store, 'test', pino({ level: 'silent' }));
      store.resetCount();
      const all = await exportTimeline(ctx(), {});
      const onePage = store.statements();
      expect(all.length).toBeGreaterThan(30);
      store.resetCount();
      const paged = await exportTimeline(ctx(), {}, 7);
      const pages = Math.ceil(all.length / 7);
      expect(paged.map((e) => e.event.id)).toEqual(all.map((e) => e.event.id));
      // 12, and for relations one statement for the links and one per kind of event they name.
      expect(onePage).toBeLessThanOrEqual(16);
      expect(store.statements()).toBeLessThanOrEqual(pages * onePage);
    });
  });
});
