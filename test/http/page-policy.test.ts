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
  /** The jurisdictions that have policy actions, as the filter lists them (by code). */
  const jurisdictionCodes = () => [...new Set(actions.map((a) => a.jurisdiction.code))].sort();
  /** A jurisdiction's name as the page shows it: "International", not "International (summits and ...)". */
  const shown = (code: string) => actions.find((a) => a.jurisdiction.code === code)!.jurisdiction.name.replace(/\s*\(.*\)$/, '');
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
    const eu = euAiAct().jurisdiction;
    expect(await page.locator(`.lane-action .tl-band[data-jurisdiction="${eu.code}"] .tl-band-label`).textContent()).toBe(shown(eu.code));

    // Its own mark: square corners, where releases and positions are rounded; its kind and status in words.
    const act = page.locator('#timeline [data-key="action:eu-ai-act"]');
    expect(await act.locator('.marker-name').textContent()).toBe(euAiAct().officialName);
    expect(await act.locator('.marker-tag').textContent()).toBe('Law · in force');
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
    expect(await entry.textContent()).toMatch(
      new RegExp(`^13 Jun 2024 Policy action · ${shown(euAiAct().jurisdiction.code)} · Regulation \\(EU\\) 2024/1689`),
    );
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
    expect(await fact('Jurisdiction')).toBe(euAiAct().jurisdiction.name);
    expect(await fact('Official name')).toBe(euAiAct().officialName);
    expect(await fact('Issued by')).toMatch(/^European Union/);
    expect(await details.locator('.tag.open-weights-EXEMPTS').textContent()).toBe('Exempts open weights from some duties');
    expect(await details.locator('.open-weights-note').textContent()).toMatch(/Article 53/);
    const milestones = await details
      .locator('.milestones li')
      .evaluateAll((els) =>
        els.map((e) => [
          e.querySelector('time')!.getAttribute('datetime'),
          e.querySelector('.milestone-label')!.textContent,
          e.textContent,
        ]),
      );
    expect(milestones.map(([date, label]) => [date, label])).toEqual(euAiAct().milestones.map((m) => [m.date, m.label]));
    // A screen reader reads "1 Aug 2024: Enters into force", not the date run into the label.
    for (const [, label, text] of milestones)
      expect(text).toMatch(new RegExp(`^\\d{1,2} \\w{3} \\d{4}: ${label!.replace(/[()]/g, '\\$&')}$`));
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
    const codes = jurisdictionCodes();
    expect(codes.length).toBeGreaterThanOrEqual(3);
    const [keep, second] = codes;
    await open();
    const releases = await laneKeys('release');
    expect(await page.getAttribute('#all-jurisdictions', 'aria-pressed')).toBe('true');
    for (const code of codes.slice(1)) await page.uncheck(`#jurisdiction-${code}`);
    await settled(`policy actions in ${shown(keep)}.`);
    expect(page.url()).toMatch(new RegExp(`jurisdictions=${keep}(&|$)`));
    expect((await laneKeys('action')).sort()).toEqual(slugsIn([keep]));
    expect(slugsIn([keep]).length).toBeLessThan(actions.length);
    expect(await laneKeys('release')).toEqual(releases); // releases are not narrowed by jurisdiction

    // The last one stays checked: still in the tab order, marked aria-disabled and described by why.
    const last = page.locator(`#jurisdiction-${keep}`);
    expect(await last.getAttribute('disabled')).toBeNull();
    expect(await last.getAttribute('aria-disabled')).toBe('true');
    const hint = page.locator(`#${(await last.getAttribute('aria-describedby'))!}`);
    expect(await hint.isHidden()).toBe(true);
    const url = page.url();
    await last.focus();
    await page.keyboard.press('Space');
    expect(await last.isChecked()).toBe(true);
    expect(page.url()).toBe(url);
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.textContent()).toMatch(/All jurisdictions/);
    expect(await page.getAttribute(`#jurisdiction-${second}`, 'aria-disabled')).toBe('false');

    await page.check(`#jurisdiction-${second}`);
    await settled(`policy actions in ${shown(keep)}, ${shown(second)}.`);
    expect(page.url()).toMatch(new RegExp(`jurisdictions=${keep},${second}(&|$)`));
    expect((await laneKeys('action')).sort()).toEqual(slugsIn([keep, second]));
    expect(await last.getAttribute('aria-disabled')).toBe('false');
    expect(await last.getAttribute('aria-describedby')).toBeNull();
    expect(await hint.isHidden()).toBe(true);
    const share = await page.inputValue('#share-url');
    const restored = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await restored.goto(share);
      await restored.locator('#status', { hasText: `policy actions in ${shown(keep)}, ${shown(second)}.` }).waitFor();
      expect((await laneKeys('action', restored)).sort()).toEqual(slugsIn([keep, second]));
      expect(await restored.isChecked(`#jurisdiction-${codes[2]}`)).toBe(false);
    } finally {
      await restored.close();
    }

    // Each kind can be hidden; with policy actions hidden, the jurisdictions do not apply.
    await page.uncheck('#type-POLICY_ACTION');
    await page.waitForURL(/eventTypes=RELEASE,POLICY_POSITION/);
    await settled(/^\d+ events \(\d+ releases, \d+ policy positions\) for Meta\.$/);
    expect(await page.locator('.tl-lane-title').allTextContents()).toEqual(['Releases', 'Policy positions']);
    expect(await page.isDisabled(`#jurisdiction-${codes[2]}`)).toBe(true); // the whole group: it does not apply
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

  it('drops jurisdiction codes it has no policy actions for from the view and the URL, rather than failing', async () => {
    const [keep] = jurisdictionCodes();
    await open(`/?organizations=meta&jurisdictions=${keep},XX,ZZ-9&view=list`);
    await settled(`policy actions in ${shown(keep)}.`);
    expect(await page.isHidden('#error')).toBe(true);
    const url = new URL(page.url());
    expect(url.searchParams.get('jurisdictions')).toBe(keep);
    expect(url.searchParams.get('view')).toBe('list'); // the rest of the view is kept
    expect(await page.inputValue('#share-url')).toBe(page.url());
    expect(
      (await page.locator('#list li[data-kind="action"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).sort(),
    ).toEqual(slugsIn([keep]));
    // None known: every jurisdiction.
    await open('/?jurisdictions=XX');
    expect(await page.isHidden('#error')).toBe(true);
    expect(new URL(page.url()).searchParams.has('jurisdictions')).toBe(false);
    expect(await page.getAttribute('#all-jurisdictions', 'aria-pressed')).toBe('true');
    expect((await laneKeys('action')).length).toBe(actions.length);
  });

  it('skips to the timeline from the first Tab, to the marker the arrows start from', async () => {
    await open('/?organizations=meta,openai');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to the timeline');
    // Visible while focused.
    expect(await page.evaluate('document.activeElement.getBoundingClientRect().left >= 0')).toBe(true);
    await page.keyboard.press('Enter');
    const first = await page.locator('#timeline .marker[tabindex="0"]').getAttribute('data-key');
    expect(first).toMatch(/^release:/);
    expect(await page.evaluate('document.activeElement.dataset.key')).toBe(first);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.dataset.key')).not.toBe(first);
    // From the list view it shows the timeline first.
    await open('/?view=list&release=llama-3-1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.search.includes('view=list'));
    expect(await page.evaluate('document.activeElement.dataset.key')).toBe('release:llama-3-1'); // the selected one
  });

  it("keeps a policy action's tag at 4.5:1 or more against its marker, hovered or not", async () => {
    await open();
    /** The WCAG contrast of an element's text colour on its marker's background, both computed. */
    const contrast = (selector: string) =>
      page.evaluate(`(() => {
        const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = (c) => {
          const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const tag = document.querySelector(${JSON.stringify(selector)});
        const [a, b] = [lum(getComputedStyle(tag).color), lum(getComputedStyle(tag.closest('.marker')).backgroundColor)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
      })()`) as Promise<number>;
    const inForce = actions.find((a) => a.status === 'IN_FORCE')!;
    const tag = `#timeline [data-key="action:${inForce.slug}"] .marker-tag`;
    expect(await contrast(tag)).toBeGreaterThanOrEqual(4.5);
    const before = await page.evaluate(
      `getComputedStyle(document.querySelector(${JSON.stringify(tag)}).closest('.marker')).backgroundColor`,
    );
    await page.hover(`#timeline [data-key="action:${inForce.slug}"]`);
    const hovered = await page.evaluate(
      `getComputedStyle(document.querySelector(${JSON.stringify(tag)}).closest('.marker')).backgroundColor`,
    );
    expect(hovered).not.toBe(before); // the hover tint applies
    expect(await contrast(tag)).toBeGreaterThanOrEqual(4.5);
  });
});
