import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestStore, type TestStore } from '../support/harness';
import { launchChromium } from '../support/chromium';
import { postGraphql, startService } from '../support/service';

/*
 * The page's policy actions, jurisdiction filter and zoom, on the real service and store in
 * headless Chromium (as page.test.ts). The zoom is measured at 1280 px, where the years with
 * most events were squeezed before it existed.
 */

let store: TestStore;
let base: string;
let close: () => Promise<void>;
let browser: Browser;

interface SeededAction {
  slug: string;
  kind: string;
  status: string;
  officialName: string | null;
  jurisdiction: { code: string; name: string };
  signatories: Array<{ name: string }>;
  milestones: Array<{ label: string; date: string }>;
  sources: Array<{ url: string }>;
}
let actions: SeededAction[];

beforeAll(async () => {
  if (!fs.existsSync(path.join('dist', 'web', 'index.html')))
    throw new Error('dist/web/ is not built: run `npm run build` (npm test does it first).');
  store = await createTestStore();
  ({ base, close } = await startService(store));
  browser = await launchChromium();
  actions = (
    await postGraphql(
      base,
      `{ policyActions(first: 100) { nodes { slug kind status officialName jurisdiction { code name }
         signatories { name } milestones { label date } sources { url } } } }`,
    )
  ).policyActions.nodes;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await close?.();
  await store?.close();
});

describe('policy actions, jurisdictions and zoom in Chromium', () => {
  let page: Page;
  const errors: string[] = [];
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  });
  afterEach(async () => {
    await page.close();
    expect(errors.splice(0)).toEqual([]);
  });

  const open = async (url = '/', p: Page = page) => {
    await p.goto(`${base}${url}`);
    await p.locator('#status', { hasText: /^\d+ events/ }).waitFor();
  };
  /** Waits for a reload the last action caused: the status line says the new view. */
  const settled = (text: string | RegExp) => page.locator('#status', { hasText: text }).waitFor();
  const laneKeys = (kind: string, p: Page = page) =>
    p.locator(`.lane-${kind} .marker`).evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  const slugsIn = (codes: string[]) =>
    actions
      .filter((a) => codes.includes(a.jurisdiction.code))
      .map((a) => `action:${a.slug}`)
      .sort();
  const euAiAct = () => actions.find((a) => a.slug === 'eu-ai-act')!;
  /** Where an element sits on the timeline's canvas (its CSS left, in px); the year labels sit at 1 January. */
  const leftOf = (selector: string, p: Page = page) =>
    p.locator(selector).evaluate((e) => parseFloat((e as unknown as { style: { left: string } }).style.left));
  const yearAt = (year: number, p: Page = page) => leftOf(`.tl-year[data-year="${year}"]`, p);
  const radius = (selector: string) =>
    page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).borderTopLeftRadius`);

  it('draws every seeded policy action in its own lane, one band per jurisdiction, with its own mark, key and list entry', async () => {
    expect(actions.length).toBeGreaterThan(5);
    await open();
    expect((await laneKeys('action')).sort()).toEqual(actions.map((a) => `action:${a.slug}`).sort());
    const codes = [...new Set(actions.map((a) => a.jurisdiction.code))];
    expect(
      (await page.locator('.lane-action .tl-band').evaluateAll((els) => els.map((e) => e.getAttribute('data-jurisdiction')))).sort(),
    ).toEqual(codes.sort());
    expect(await page.locator('.lane-action .tl-band[data-jurisdiction="EU"] .tl-band-label').textContent()).toBe('European Union');

    // Its own mark: square corners, where releases and positions are rounded; its kind and status in words.
    const eu = page.locator('#timeline [data-key="action:eu-ai-act"]');
    expect(await eu.locator('.marker-name').textContent()).toBe(euAiAct().officialName);
    expect(await eu.locator('.marker-tag').textContent()).toBe('Law · in force');
    expect(await radius('#timeline [data-key="action:eu-ai-act"]')).toBe('0px');
    expect(await radius('.lane-release .marker')).not.toBe('0px');
    expect(await page.locator('.legend-actions').textContent()).toContain('Policy action');

    // ↓ from a release reaches the positions, then the policy actions; ↑ goes back.
    await page.focus('#timeline [data-key="release:llama-3-1"]');
    const focused = () => page.evaluate('document.activeElement.dataset.key');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^position:/);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^action:/);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toMatch(/^position:/);

    await page.click('.view-switch button:text-is("List")');
    const entry = page.locator('#list li[data-key="action:eu-ai-act"]');
    expect(await entry.textContent()).toMatch(/^13 Jun 2024 Policy action · European Union · Regulation \(EU\) 2024\/1689/);
    expect(await entry.locator('.tag').textContent()).toBe('Law · in force');
    expect(await page.locator('#list li[data-kind="action"]').count()).toBe(actions.length);
  });

  it("shows a policy action's details: kind, status, jurisdiction, issuing body, open weights, milestones, sources", async () => {
    await open();
    await page.click('#timeline [data-key="action:eu-ai-act"]');
    const details = page.locator('#details');
    await details.locator('h2', { hasText: 'Regulation (EU) 2024/1689' }).waitFor();
    expect(page.url()).toContain('action=eu-ai-act');
    const fact = (label: string) => details.locator(`.action-facts dt:text-is("${label}") + dd`).textContent();
    expect(await fact('Kind')).toBe('Law');
    expect(await fact('Status')).toBe('In force');
    expect(await fact('Jurisdiction')).toBe('European Union');
    expect(await fact('Official name')).toBe(euAiAct().officialName);
    expect(await fact('Issued by')).toMatch(/^European Union/);
    expect(await details.locator('.tag.open-weights-EXEMPTS').textContent()).toBe('Exempts open weights from some duties');
    expect(await details.locator('.open-weights-note').textContent()).toMatch(/Article 53/);
    const milestones = await details
      .locator('.milestones li')
      .evaluateAll((els) => els.map((e) => [e.querySelector('time')!.getAttribute('datetime'), e.querySelector('span')!.textContent]));
    expect(milestones).toEqual(euAiAct().milestones.map((m) => [m.date, m.label]));
    expect(await details.locator('.sources a').evaluateAll((els) => els.map((e) => e.getAttribute('href')))).toEqual(
      euAiAct().sources.map((s) => s.url),
    );
    expect(await page.getAttribute('#timeline [data-key="action:eu-ai-act"]', 'aria-pressed')).toBe('true');

    // A declaration lists who signed it; the link to it opens it again.
    const signed = actions.find((a) => a.signatories.length > 2)!;
    const restored = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await open(`/?action=${signed.slug}`, restored);
      await restored.locator('#details .signatories').waitFor();
      expect(await restored.locator('#details .signatories li').count()).toBe(signed.signatories.length);
      expect(await restored.getAttribute(`#timeline [data-key="action:${signed.slug}"]`, 'aria-pressed')).toBe('true');
    } finally {
      await restored.close();
    }
  });

  it('narrows policy actions by jurisdiction, and hides or shows each kind of event; both live in the URL', async () => {
    await open();
    const releases = await laneKeys('release');
    expect(await page.getAttribute('#all-jurisdictions', 'aria-pressed')).toBe('true');
    for (const code of ['INTL', 'US', 'US-CA']) await page.uncheck(`#jurisdiction-${code}`);
    await settled('policy actions in European Union.');
    expect(page.url()).toMatch(/jurisdictions=EU(&|$)/);
    expect((await laneKeys('action')).sort()).toEqual(slugsIn(['EU']));
    expect(slugsIn(['EU']).length).toBeLessThan(actions.length);
    expect(await laneKeys('release')).toEqual(releases); // releases are not narrowed by jurisdiction
    expect(await page.isDisabled('#jurisdiction-EU')).toBe(true); // the last one stays checked

    await page.check('#jurisdiction-US-CA');
    await settled('policy actions in European Union, California.');
    expect(page.url()).toMatch(/jurisdictions=EU,US-CA(&|$)/);
    expect((await laneKeys('action')).sort()).toEqual(slugsIn(['EU', 'US-CA']));
    const share = await page.inputValue('#share-url');
    const restored = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await restored.goto(share);
      await restored.locator('#status', { hasText: 'policy actions in European Union, California.' }).waitFor();
      expect((await laneKeys('action', restored)).sort()).toEqual(slugsIn(['EU', 'US-CA']));
      expect(await restored.isChecked('#jurisdiction-US')).toBe(false);
    } finally {
      await restored.close();
    }

    // Each kind can be hidden; with policy actions hidden, the jurisdictions do not apply.
    await page.uncheck('#type-POLICY_ACTION');
    await page.waitForURL(/eventTypes=RELEASE,POLICY_POSITION/);
    await settled(/^\d+ events \(\d+ releases, \d+ policy positions\) for Meta\.$/);
    expect(await page.locator('.tl-lane-title').allTextContents()).toEqual(['Releases', 'Policy positions']);
    expect(await page.isDisabled('#jurisdiction-US')).toBe(true);
    await page.uncheck('#type-RELEASE');
    await page.waitForURL(/eventTypes=POLICY_POSITION(&|$)/);
    await settled(/^\d+ events \(\d+ policy positions\) for Meta\.$/);
    expect(await page.locator('.tl-lane-title').allTextContents()).toEqual(['Policy positions']);
    await page.check('#type-POLICY_ACTION');
    await page.click('#all-jurisdictions');
    await page.waitForURL((url) => !url.search.includes('jurisdictions='));
    await settled(/policy actions\) for Meta\.$/);
    expect(await page.locator('.tl-lane-title').allTextContents()).toEqual(['Policy positions', 'Policy actions']);
    expect((await laneKeys('action')).length).toBe(actions.length);
  });

  it('fits a range of years to the width, so the events of 2024 spread out at 1280 px; from the keyboard, and in the URL', async () => {
    await open('/?organizations=meta,openai');
    const geometry = async () => ({
      year2024: await yearAt(2024),
      year2025: await yearAt(2025),
      year2026: await yearAt(2026),
      llama3: await leftOf('#timeline [data-key="release:llama-3"]'),
      llama31: await leftOf('#timeline [data-key="release:llama-3-1"]'),
      ...(await page.locator('#timeline').evaluate((e) => {
        const box = e as unknown as { scrollLeft: number; clientWidth: number };
        return { scrollLeft: box.scrollLeft, clientWidth: box.clientWidth };
      })),
      labels: await page
        .locator('.tl-band-label')
        .first()
        .evaluate((e) => (e as unknown as { offsetWidth: number }).offsetWidth),
    });
    const before = await geometry();
    expect(await page.getAttribute('.zoom button[data-zoom="all"]', 'aria-pressed')).toBe('true');

    await page.click('.zoom button:text-is("2024–2025")');
    await page.waitForURL(/zoom=2024-2025/);
    const zoomed = await geometry();
    expect(await page.getAttribute('.zoom button:text-is("2024–2025")', 'aria-pressed')).toBe('true');
    // 2024 gets half the width (not the 150 px a year of the whole axis), and its events spread with it:
    // Llama 3 (April) and Llama 3.1 (July) are over 100 px apart.
    expect(zoomed.year2025 - zoomed.year2024).toBeGreaterThanOrEqual(450);
    expect(zoomed.year2025 - zoomed.year2024).toBeGreaterThan(2.5 * (before.year2025 - before.year2024));
    expect(zoomed.llama31 - zoomed.llama3).toBeGreaterThanOrEqual(100);
    // Both years are in sight without scrolling: from just right of the band labels to the box's edge.
    expect(zoomed.year2024 - zoomed.scrollLeft).toBeGreaterThanOrEqual(zoomed.labels - 1);
    expect(zoomed.year2026 - zoomed.scrollLeft).toBeLessThanOrEqual(zoomed.clientWidth);
    expect(await page.inputValue('#zoom-from')).toBe('2024');
    expect(await page.inputValue('#zoom-to')).toBe('2025');

    // Keyboard: one year more, then the year pickers.
    await page.focus('#zoom-out');
    await page.keyboard.press('Enter');
    await page.waitForURL(/zoom=2023-2025/);
    expect(await page.evaluate('document.activeElement.id')).toBe('zoom-out'); // focus stays on the control
    await page.focus('#zoom-to');
    await page.keyboard.press('ArrowUp'); // 2024
    await page.waitForURL(/zoom=2023-2024/);
    const narrowed = await geometry();
    expect(narrowed.year2025 - narrowed.year2024).toBeGreaterThanOrEqual(450);

    // The link restores the zoom; the list is not affected by it.
    const restored = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await open('/?organizations=meta,openai&zoom=2024-2025', restored);
      expect(await restored.getAttribute('.zoom button:text-is("2024–2025")', 'aria-pressed')).toBe('true');
      expect((await yearAt(2025, restored)) - (await yearAt(2024, restored))).toBeCloseTo(zoomed.year2025 - zoomed.year2024, 0);
    } finally {
      await restored.close();
    }
    await page.click('.zoom button:text-is("All years")');
    await page.waitForURL((url) => !url.search.includes('zoom='));
    expect((await geometry()).year2024).toBeCloseTo(before.year2024, 0);
  });

  it('spaces years by their number of events, on a labelled axis', async () => {
    await open('/?organizations=meta,openai');
    const dates = await page.locator('#timeline .marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')!));
    const count = (year: number) => dates.filter((d) => d.startsWith(`${year}-`)).length;
    expect(count(2024)).toBeGreaterThan(3 * count(2017));

    await page.check('#scale-events');
    await page.waitForURL(/scale=events/);
    expect(await page.locator('.tl-axis-caption').textContent()).toBe('Year · events');
    expect(await page.locator('.tl-year[data-year="2024"]').textContent()).toBe(`2024 · ${count(2024)}`);
    const width = async (year: number) => (await yearAt(year + 1)) - (await yearAt(year));
    expect(await width(2024)).toBeGreaterThan(3 * (await width(2017)));
    expect(await width(2024)).toBeGreaterThanOrEqual(200); // 150 px, as every year, on the even axis
    // Every event is drawn within its own year.
    const markers = await page
      .locator('#timeline .marker')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-date')!, parseFloat((e as unknown as { style: { left: string } }).style.left)] as const),
      );
    const years = new Map<number, number>();
    for (const [date] of markers) for (const y of [Number(date.slice(0, 4)), Number(date.slice(0, 4)) + 1]) years.set(y, await yearAt(y));
    expect(
      markers.filter(([date, left]) => left < years.get(Number(date.slice(0, 4)))! || left > years.get(Number(date.slice(0, 4)) + 1)!),
    ).toEqual([]);
  });
});
