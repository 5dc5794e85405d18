import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestStore, type TestStore } from '../support/harness';
import { launchChromium } from '../support/chromium';
import { postGraphql, startService } from '../support/service';

/*
 * The details panel's links between events and a release's openness by component, on the
 * real service and store in headless Chromium (as page.test.ts). What the panel should
 * show is read from the API first, so the assertions follow the data.
 */

let store: TestStore;
let base: string;
let close: () => Promise<void>;
let browser: Browser;

interface Linked {
  type: string;
  note: string | null;
  event: { __typename: string; slug: string; name?: string; officialName?: string | null; title: string };
}
const LINKS = `relations { type note event { __typename slug title ... on Release { name } ... on PolicyAction { officialName } } }
  referencedBy { type note event { __typename slug title ... on Release { name } ... on PolicyAction { officialName } } }`;
const OPENNESS = 'openness { weights inferenceCode trainingCode trainingData dataCard modelCard paper meetsOsaid note sources { url } }';
const nameOf = (e: Linked['event']) => e.name ?? e.officialName ?? e.title;

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

describe('related events and openness in Chromium', () => {
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

  const open = async (url = '/') => {
    await page.goto(`${base}${url}`);
    await page.locator('#status', { hasText: /^(To show .*: .*\. )?\d+ events/ }).waitFor();
  };
  const heading = (text: string) => page.locator('#details h2', { hasText: text }).waitFor();
  const focusedKey = () => page.evaluate('document.activeElement?.dataset.key ?? null');
  /** Waits until keyboard focus is on the event with this key. */
  const focusReaches = (key: string) => page.waitForFunction(`document.activeElement?.dataset.key === ${JSON.stringify(key)}`);
  const related = (direction: 'out' | 'in') =>
    page.locator(`#details .relations li[data-direction="${direction}"]`).evaluateAll((els) =>
      els.map((e) => ({
        type: e.getAttribute('data-type'),
        phrase: e.querySelector('.relation-type')!.textContent,
        name: e.querySelector('a')!.textContent,
        key: e.querySelector('a')!.getAttribute('data-key'),
        note: e.querySelector('.relation-note')?.textContent ?? null,
      })),
    );
  const policyAction = async (slug: string) =>
    (await postGraphql(base, `query ($slug: String!) { policyAction(slug: $slug) { officialName title ${LINKS} } }`, { slug }))
      .policyAction;

  it("lists a policy action's links both ways, in words, and follows one in the page and back", async () => {
    const order = await policyAction('us-eo-14148');
    const revoked = order.relations.find((r: Linked) => r.type === 'REVOKES' && r.event.slug === 'us-eo-14110') as Linked;
    expect(revoked).toBeDefined();
    await open('/?action=us-eo-14148');
    await heading(order.officialName);

    // Every link the API has, outgoing then incoming, each in its own words and with its note.
    const out = await related('out');
    expect(out.map((r) => r.key)).toEqual(order.relations.map((r: Linked) => `action:${r.event.slug}`));
    expect(out.find((r) => r.key === 'action:us-eo-14110')).toEqual({
      type: 'REVOKES',
      phrase: 'Revokes',
      name: nameOf(revoked.event),
      key: 'action:us-eo-14110',
      note: revoked.note,
    });
    expect(await related('in')).toHaveLength(order.referencedBy.length);
    expect(await page.locator('#details .detail-section h3', { hasText: /^Related events \(\d+\)$/ }).count()).toBe(1);

    // A real link: its href is the share URL of the view with the other event selected.
    const link = page.locator('#details a.related-link[data-key="action:us-eo-14110"]');
    const href = new URL((await link.getAttribute('href'))!);
    expect(`${href.origin}${href.pathname}`).toBe(`${base}/`);
    expect(href.searchParams.get('action')).toBe('us-eo-14110');

    // From the keyboard: focus it, press Enter; the page selects the other event without loading anew.
    await page.evaluate('window.sameDocument = true');
    await link.focus();
    await page.keyboard.press('Enter');
    const target = await policyAction('us-eo-14110');
    await heading(target.officialName);
    expect(new URL(page.url()).searchParams.get('action')).toBe('us-eo-14110');
    expect(new URL(page.url()).toString()).toBe(href.toString());
    expect(await page.evaluate('window.sameDocument')).toBe(true); // followed in the page, not loaded anew
    expect(await page.getAttribute('#timeline [data-key="action:us-eo-14110"]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('#timeline [data-key="action:us-eo-14148"]', 'aria-pressed')).toBe('false');
    await focusReaches('action:us-eo-14110');
    expect(await page.getAttribute('#timeline [data-key="action:us-eo-14110"]', 'tabindex')).toBe('0');

    // The way back: the order that revoked it, as seen from its target.
    const back = (await related('in')).find((r) => r.key === 'action:us-eo-14148')!;
    expect(back).toMatchObject({ type: 'REVOKES', phrase: 'Revoked by', name: order.officialName });
    expect(back.note).toBe(target.referencedBy.find((r: Linked) => r.event.slug === 'us-eo-14148').note);
    await page.click('#details a.related-link[data-key="action:us-eo-14148"]');
    await heading(order.officialName);
    expect(new URL(page.url()).searchParams.get('action')).toBe('us-eo-14148');
    await focusReaches('action:us-eo-14148');

    // Back and forward in the browser go through the same states.
    await page.goBack();
    await heading(target.officialName);
    expect(await page.getAttribute('#timeline [data-key="action:us-eo-14110"]', 'aria-pressed')).toBe('true');
  });

  it('shows an event hidden by the view: its kind, organization, jurisdiction, dates and zoom widen to show it, and the page says so', async () => {
    // A position that answers a policy action, opened in a view that hides the action four ways.
    const position = (
      await postGraphql(base, `{ policyPosition(slug: "kaplan-meta-rejects-eu-gpai-code-of-practice") { title ${LINKS} } }`)
    ).policyPosition;
    const answered = position.relations.find((r: Linked) => r.event.slug === 'eu-gpai-code-of-practice') as Linked;
    expect(answered.type).toBe('RESPONDS_TO');
    const code = await postGraphql(base, '{ policyAction(slug: "eu-gpai-code-of-practice") { date jurisdiction { code } } }');
    const year = Number(code.policyAction.date.slice(0, 4));
    expect(code.policyAction.jurisdiction.code).not.toBe('US');
    await open(
      `/?eventTypes=RELEASE,POLICY_POSITION&jurisdictions=US&to=${year - 1}-12-31&zoom=${year - 3}-${year - 2}&position=kaplan-meta-rejects-eu-gpai-code-of-practice`,
    );
    await heading(position.title);
    expect(await page.locator('.lane-action').count()).toBe(0);

    const link = page.locator('#details a.related-link[data-key="action:eu-gpai-code-of-practice"]');
    expect(await link.locator('xpath=..').locator('.relation-type').textContent()).toBe('Responds to');
    // Its href already names the wider view, so it opens the same in a new tab.
    const href = new URL((await link.getAttribute('href'))!);
    await link.click();
    await heading(nameOf(answered.event));
    const url = new URL(page.url());
    expect(url.toString()).toBe(href.toString());
    expect(url.searchParams.get('action')).toBe('eu-gpai-code-of-practice');
    expect(url.searchParams.get('eventTypes')).toBeNull(); // every kind again
    expect(url.searchParams.get('jurisdictions')).toBe(`US,${code.policyAction.jurisdiction.code}`);
    expect(url.searchParams.get('to')).toBeNull();
    expect(url.searchParams.get('zoom')).toBe(`${year - 3}-${year}`);
    await page.locator('#status', { hasText: /^To show General-Purpose AI Code of Practice: policy actions shown, / }).waitFor();
    expect(await page.textContent('#status')).toMatch(/added to the jurisdictions, the end date cleared, years \d{4}–\d{4} fitted/);
    const marker = page.locator('#timeline [data-key="action:eu-gpai-code-of-practice"]');
    expect(await marker.getAttribute('aria-pressed')).toBe('true');
    await focusReaches('action:eu-gpai-code-of-practice');
    // Scrolled into the timeline's box.
    const inBox = await page.evaluate(`(() => {
      const box = document.getElementById('timeline').getBoundingClientRect();
      const r = document.querySelector('#timeline [data-key="action:eu-gpai-code-of-practice"]').getBoundingClientRect();
      return r.left >= box.left && r.right <= box.right;
    })()`);
    expect(inBox).toBe(true);
  });

  it("adds a release's organization to the view when following a link to it", async () => {
    await open('/?organizations=openai&release=code-llama');
    await heading('Code Llama');
    const link = page.locator('#details .relations li[data-direction="out"] a[data-key="release:llama-2"]');
    expect(await link.locator('xpath=..').locator('.relation-type').textContent()).toBe('Based on');
    await link.click();
    await heading('Llama 2');
    expect(new URL(page.url()).searchParams.get('organizations')).toBe('openai,meta');
    await page.locator('#status', { hasText: /^To show Llama 2: Meta added to the organizations\. / }).waitFor();
    expect(await page.isChecked('#org-meta')).toBe(true);
    expect(await focusedKey()).toBe('release:llama-2');
    // Llama 2 is the basis of Code Llama: the way back.
    expect((await related('in')).map((r) => [r.phrase, r.key])).toContainEqual(['Basis for', 'release:code-llama']);
  });

  it("shows a release's openness by component as a table with words, not colour alone, and its variants' own dates", async () => {
    const { olmo, llama } = await postGraphql(
      base,
      `{ olmo: release(slug: "olmo") { ${OPENNESS} } llama: release(slug: "llama-3-1") { ${OPENNESS} } }`,
    );
    const COMPONENTS = ['weights', 'inferenceCode', 'trainingCode', 'trainingData', 'dataCard', 'modelCard', 'paper'];
    const WORDS: Record<string, string> = { OPEN: 'Open', RESTRICTED: 'Restricted', CLOSED: 'Closed' };
    const grid = () =>
      page.locator('#details table.openness tbody tr').evaluateAll((rows) =>
        rows.map((r) => ({
          component: r.getAttribute('data-component'),
          label: r.querySelector('th')!.textContent,
          text: r.querySelector('td')!.innerText.trim(),
          cls: r.querySelector('.availability')!.className,
        })),
      );

    await open('/?organizations=all&release=olmo');
    await heading('OLMo');
    const table = page.getByRole('table', { name: 'Openness by component' });
    expect(await table.count()).toBe(1);
    // OLMo, the fully open contrast case: weights and code open (its data was under a restrictive license at release).
    expect(['weights', 'inferenceCode', 'trainingCode'].every((c) => olmo.openness[c] === 'OPEN')).toBe(true);
    const olmoRows = await grid();
    expect(olmoRows.map((r) => r.component)).toEqual(COMPONENTS);
    expect(olmoRows.map((r) => r.text)).toEqual(
      COMPONENTS.map((c) => expect.stringMatching(new RegExp(`^\\S+ ${WORDS[olmo.openness[c]]}$`))),
    );
    // Each row reads as its component and its availability.
    expect(await table.getByRole('rowheader', { name: 'Training data' }).count()).toBe(1);
    expect(await page.textContent('#details .osaid')).toBe(
      `Meets the OSI Open Source AI Definition: ${olmo.openness.meetsOsaid === null ? 'not assessed' : olmo.openness.meetsOsaid ? 'yes' : 'no'}`,
    );
    expect(await page.locator('#details .openness-sources a').evaluateAll((els) => els.map((e) => e.getAttribute('href')))).toEqual(
      olmo.openness.sources.map((s: { url: string }) => s.url),
    );

    await open('/?release=llama-3-1');
    await heading('Llama 3.1');
    expect(llama.openness.weights).toBe('RESTRICTED');
    const llamaRows = await grid();
    expect(llamaRows.map((r) => r.text.replace(/^\S+ /, ''))).toEqual(COMPONENTS.map((c) => WORDS[llama.openness[c]]));
    expect(llamaRows.find((r) => r.component === 'weights')).toMatchObject({
      label: 'Weights',
      cls: 'availability availability-RESTRICTED',
    });
    // Two values that differ in words differ in colour too, and the words are there without the colours.
    const colours = (await page.evaluate(
      "[...document.querySelectorAll('#details .availability')].map((e) => getComputedStyle(e).backgroundColor)",
    )) as string[];
    expect(new Set(colours).size).toBeGreaterThan(1);
    expect(await page.textContent('#details .osaid')).toBe('Meets the OSI Open Source AI Definition: no');
    expect(await page.textContent('#details .openness-note')).toBe(llama.openness.note);

    // A staged release: the variants that came later say when.
    await open('/?release=code-llama');
    await heading('Code Llama');
    expect(await page.locator('#details .variants th[scope="row"]', { hasText: 'Code Llama 70B' }).first().textContent()).toBe(
      'Code Llama 70B · 29 Jan 2024',
    );
  });
});
