import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestStore, type TestStore } from '../support/harness';
import { launchChromium } from '../support/chromium';
import { postGraphql, startService } from '../support/service';

/*
 * The timeline page, served by the real service on a real store, driven in headless
 * Chromium (Debian's `chromium`; .ci/run installs it). `npm test` builds dist/web first.
 * A screenshot is written to test-artifacts/.
 */

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const OPEN_LABELS = ['Open source', 'Open weights', 'Gated weights'];

let store: TestStore;
let base: string;
let close: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join('dist', 'web', 'index.html')))
    throw new Error('dist/web/ is not built: run `npm run build` (npm test does it first).');
  store = await createTestStore();
  ({ base, close } = await startService(store));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await close?.();
  await store?.close();
});

describe('the page over HTTP', () => {
  it('serves index.html at / for revalidation, and hashed assets cached for a year', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const html = await res.text();
    expect((await fetch(`${base}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const assets = [...html.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.map((a) => path.extname(a)).sort()).toEqual(['.css', '.js']);
    for (const asset of assets) {
      expect(asset).toMatch(/-[A-Z0-9]{8}\.(js|css)$/); // content hash in the name
      const res = await fetch(`${base}/${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    }
    expect((await fetch(`${base}/assets/nope-12345678.js`)).status).toBe(404);
  });
});

describe('the page in Chromium', () => {
  let page: Page;
  const errors: string[] = [];
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  });
  afterEach(async () => {
    await page.close();
    expect(errors.splice(0)).toEqual([]);
  });

  const open = async (url = '/') => {
    await page.goto(`${base}${url}`);
    await page.locator('#status', { hasText: /^\d+ events/ }).waitFor();
  };
  const listKeys = (p: Page = page) => p.locator('#list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  const totalCount = async (filter: Record<string, unknown>) =>
    (await postGraphql(base, 'query ($filter: TimelineFilter) { timeline(filter: $filter) { totalCount } }', { filter })).timeline
      .totalCount as number;
  /** What a view shows: the organizations' releases and positions, and every policy action (narrowed by jurisdiction only). */
  const shownCount = async (filter: Record<string, unknown>) =>
    (await totalCount({ ...filter, eventTypes: ['RELEASE', 'POLICY_POSITION'] })) + (await totalCount({ eventTypes: ['POLICY_ACTION'] }));

  it("opens on Meta's events and the policy actions, in date order, on a year axis with a lane for each kind", async () => {
    await open();
    const dates = await page.locator('#list li time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    expect(dates.length).toBe(await shownCount({ organizations: ['meta'] }));
    expect([...dates].sort()).toEqual(dates);
    expect(
      new Set(await page.locator('#list li:not([data-kind="action"])').evaluateAll((els) => els.map((e) => e.getAttribute('data-org')))),
    ).toEqual(new Set(['meta']));
    expect(await page.isChecked('#org-meta')).toBe(true);
    expect(await page.getAttribute('.presets button:text-is("Meta")', 'aria-pressed')).toBe('true');

    expect(await page.locator('.tl-lane-title').allTextContents()).toEqual(['Releases', 'Policy positions', 'Policy actions']);
    expect(await page.locator('.tl-year').first().textContent()).toBe('2016');
    const releases = page.locator('.lane-release .marker');
    expect(await releases.count()).toBe(await totalCount({ organizations: ['meta'], eventTypes: ['RELEASE'] }));
    // Colour is never the only cue: each release marker says its access level in words.
    for (const tag of await releases.locator('.marker-tag').allTextContents())
      expect(OPEN_LABELS.map((l) => l.toUpperCase())).toContain(tag.toUpperCase());
    expect(await page.locator('.legend-items li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Open weights'), expect.stringContaining('API only')]),
    );
    const markerDates = await page.locator('.lane-release .marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')));
    expect(markerDates).toEqual([...markerDates].sort());
  });

  it('compares Meta with OpenAI in one click, and "open releases only" changes the list', async () => {
    await open();
    await page.click('button:text-is("Meta vs OpenAI")');
    await page.locator('#status', { hasText: 'for Meta, OpenAI.' }).waitFor();
    expect(page.url()).toContain('organizations=meta,openai');
    const all = await listKeys();
    expect(all.length).toBe(await shownCount({ organizations: ['meta', 'openai'] }));
    expect(all).toEqual(expect.arrayContaining(['release:gpt-4', 'release:gpt-4o', 'release:llama-3-1']));

    await page.check('#open-only');
    await page.locator('#status', { hasText: 'open releases only' }).waitFor();
    const open_ = await listKeys();
    expect(open_.length).toBe(await shownCount({ organizations: ['meta', 'openai'], openOnly: true }));
    expect(open_.length).toBeLessThan(all.length);
    expect(open_).not.toContain('release:gpt-4');
    expect(open_).not.toContain('release:gpt-4o');
    expect(open_).toContain('release:gpt-oss');
    for (const kind of ['position:', 'action:'])
      expect(open_.filter((k) => k!.startsWith(kind))).toEqual(all.filter((k) => k!.startsWith(kind)));
    for (const tag of await page.locator('#list li[data-kind="release"] .tag').allTextContents()) expect(OPEN_LABELS).toContain(tag);

    // The download links carry the filter the page sends (the organizations narrow releases and
    // positions only, so every policy action stays), and hold the events the page shows.
    const csv = new URL((await page.getAttribute('#export-csv', 'href'))!);
    expect(`${csv.origin}${csv.pathname}`).toBe(`${base}/export/timeline.csv`);
    expect(csv.searchParams.get('organizations')).toBe('meta,openai');
    expect(csv.searchParams.get('organizationsApplyTo')).toBe('RELEASE,POLICY_POSITION');
    expect(csv.searchParams.get('openOnly')).toBe('true');
    expect((await fetch(csv)).status).toBe(200);
    const json = (await (await fetch((await page.getAttribute('#export-json', 'href'))!)).json()) as { events: unknown[] };
    expect(json.events.length).toBe(open_.length);
  });

  it('shows Llama 3.1 with its 405B variant and its license; the share URL restores the view', async () => {
    await open('/?organizations=meta,openai');
    await page.click('#timeline [data-key="release:llama-3-1"]');
    const details = page.locator('#details');
    await details.locator('h2', { hasText: 'Llama 3.1' }).waitFor();
    expect(await details.locator('.variants tr:has(th:text-is("Llama 3.1 405B")) td.params').textContent()).toBe('405B');
    expect(await details.locator('.license a').textContent()).toBe('Llama 3.1 Community License Agreement');
    expect(await details.textContent()).toContain('700 million monthly active users');
    expect(await details.locator('.restrictions li').count()).toBeGreaterThan(0);
    expect(await details.locator('.sources a').evaluateAll((els) => els.map((e) => e.getAttribute('href')))).toContain(
      'https://ai.meta.com/blog/meta-llama-3-1/',
    );
    expect(await page.getAttribute('#timeline [data-key="release:llama-3-1"]', 'aria-pressed')).toBe('true');
    // Its openness by component and its links to other events are in the panel (page-related.test.ts has the rest).
    expect(await details.locator('table.openness tr[data-component="weights"] td').textContent()).toMatch(/Restricted$/);
    expect(await details.locator('.relations a.related-link').count()).toBeGreaterThan(0);

    // The README's screenshot. The share and embed boxes say what a reader running the service would see
    // (http://localhost:4000/...), not this test server's loopback address and port.
    await page.evaluate(
      `for (const id of ['share-url', 'embed-code']) {
         const box = document.getElementById(id);
         box.value = box.value.split(${JSON.stringify(base)}).join('http://localhost:4000');
       }`,
    );
    expect(await page.inputValue('#share-url')).toBe('http://localhost:4000/?organizations=meta,openai&release=llama-3-1');
    expect(await page.inputValue('#embed-code')).toContain('src="http://localhost:4000/embed?');
    // Tall enough for the details panel (as high as the window) to show its sections down to the related events.
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.locator('#details .relations').scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollTo(0, 0)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'timeline.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });

    await page.check('#open-only');
    await page.locator('#status', { hasText: 'open releases only' }).waitFor();
    const share = await page.inputValue('#share-url');
    expect(share).toBe(page.url());
    expect(share).toMatch(/organizations=meta,openai/);
    expect(share).toMatch(/openOnly=true/);
    expect(share).toMatch(/release=llama-3-1/);
    // The embed code beside the link frames the same view.
    const snippet = await page.inputValue('#embed-code');
    expect(snippet).toMatch(
      /^<iframe src="[^"]+" width="\d+" height="\d+" title="[^"]+" style="border:0;max-width:100%" loading="lazy"><\/iframe>$/,
    );
    expect(snippet).toContain(`src="${base}/embed?organizations=meta,openai&amp;openOnly=true&amp;release=llama-3-1"`);
    expect((await fetch(`${base}/embed?organizations=meta,openai&openOnly=true&release=llama-3-1`)).status).toBe(200);
    const keys = await listKeys();

    const restored = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      await restored.goto(share);
      await restored.locator('#status', { hasText: 'open releases only' }).waitFor();
      expect(await listKeys(restored)).toEqual(keys);
      expect(await restored.isChecked('#org-meta')).toBe(true);
      expect(await restored.isChecked('#org-openai')).toBe(true);
      expect(await restored.isChecked('#org-google')).toBe(false);
      expect(await restored.isChecked('#open-only')).toBe(true);
      await restored.locator('#details h2', { hasText: 'Llama 3.1' }).waitFor();
      expect(await restored.getAttribute('#timeline [data-key="release:llama-3-1"]', 'aria-pressed')).toBe('true');
    } finally {
      await restored.close();
    }
  });

  it('moves between events with the keyboard, with a visible focus, and opens details with Enter', async () => {
    await open();
    for (let i = 0; i < 150 && !(await page.evaluate('document.activeElement.classList.contains("marker")')); i++)
      await page.keyboard.press('Tab');
    const focused = () => page.evaluate('document.activeElement.dataset.key');
    expect(await focused()).toBe('release:fasttext'); // Meta's earliest release: the lane's first stop
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('release:pytorch');
    await page.keyboard.press('End');
    expect(await focused()).toBe('release:llama-4');
    await page.keyboard.press('ArrowDown'); // nearest position in the other lane
    expect(await focused()).toMatch(/^position:/);
    const key = (await focused()) as string;
    await page.keyboard.press('Enter');
    await page.locator('#details h2').waitFor();
    expect(page.url()).toContain(`position=${key.slice('position:'.length)}`);
    expect(await page.locator('#details blockquote').count()).toBe(1);
    expect(await page.locator('#details .sources a').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.locator('#details').waitFor({ state: 'hidden' });
    expect(await focused()).toBe(key);
  });

  it('offers a plain list view, in date order, whose entries open the details', async () => {
    await open();
    await page.click('.view-switch button:text-is("List")');
    expect(await page.isVisible('#list-view')).toBe(true);
    expect(await page.isHidden('#timeline-view')).toBe(true);
    expect(page.url()).toContain('view=list');
    const first = page.locator('#list li').first();
    expect(await first.textContent()).toMatch(/^18 Aug 2016 Release · Meta · fastText Open source/);
    await page.click('#list li[data-key="release:llama-3-1"] button');
    await page.locator('#details h2', { hasText: 'Llama 3.1' }).waitFor();
  });
});
