import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { createTestStore, type TestStore } from '../support/harness';
import { postGraphql, startService } from '../support/service';

/*
 * Embedding the timeline as newsrooms do: an oEmbed endpoint that CMSs call with a pasted
 * link, and /embed, which another site's page frames. Real service, real store, and a
 * second HTTP server on another port playing the news site, in headless Chromium.
 */

let store: TestStore;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  if (!fs.existsSync(path.join('dist', 'web', 'embed.html')))
    throw new Error('dist/web/ is not built: run `npm run build` (npm test does it first).');
  store = await createTestStore();
  ({ base, close } = await startService(store));
}, 60_000);
afterAll(async () => {
  await close?.();
  await store?.close();
});

const oembed = (params: Record<string, string>) => fetch(`${base}/oembed?${new URLSearchParams(params)}`);
const unescapeHtml = (text: string) =>
  text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const iframeSrc = (html: string) => unescapeHtml(/<iframe src="([^"]+)"/.exec(html)![1]!);
const discovery = (html: string) => {
  const tag = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"[^>]*>/.exec(html);
  return tag ? unescapeHtml(tag[1]!) : null;
};

describe('GET /oembed', () => {
  it('answers a page URL with an oEmbed 1.0 rich response: an iframe of /embed with the same view', async () => {
    const page = `${base}/?organizations=meta,openai&openOnly=true&release=llama-3-1`;
    const res = await oembed({ url: page, format: 'json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body: any = await res.json();
    // oEmbed 1.0 section 2.3.4: type and version always; html, width and height for rich.
    expect(body).toMatchObject({
      type: 'rich',
      version: '1.0',
      provider_name: expect.any(String),
      provider_url: `${base}/`,
      title: expect.stringContaining('meta, openai'),
    });
    expect(Number.isInteger(body.width) && body.width > 0 && Number.isInteger(body.height) && body.height > 0).toBe(true);
    expect(typeof body.cache_age).toBe('number');
    expect(res.headers.get('cache-control')).toBe(`public, max-age=${body.cache_age}`); // one lifetime, told both ways
    expect(body.html).toMatch(/^<iframe [^>]*><\/iframe>$/);
    expect(body.html).toContain(`width="${body.width}" height="${body.height}"`);
    expect(iframeSrc(body.html)).toBe(`${base}/embed?organizations=meta,openai&openOnly=true&release=llama-3-1`);
    // The title is the page's own, which names all three kinds of event, then the view.
    const html = await (await fetch(`${base}/`)).text();
    const pageTitle = /<title>([^<]+)<\/title>/.exec(html)![1]!;
    expect(pageTitle).toMatch(/releases.*policy positions.*policy actions/);
    expect(/<h1>([^<]+)<\/h1>/.exec(html)![1]).toBe(pageTitle);
    expect(body.title).toBe(`${pageTitle}: meta, openai, open releases only`);
    expect(unescapeHtml(/<link rel="alternate"[^>]* title="([^"]+)"/.exec(html)![1]!)).toBe(pageTitle);
  });

  it('accepts embed URLs, drops parameters the page does not read, and respects maxwidth and maxheight', async () => {
    const body: any = await (
      await oembed({ url: `${base}/embed?organizations=google&utm_source=x`, maxwidth: '400', maxheight: '300' })
    ).json();
    expect([body.width, body.height]).toEqual([400, 300]);
    expect(iframeSrc(body.html)).toBe(`${base}/embed?organizations=google`);
    const roomy: any = await (await oembed({ url: `${base}/`, maxwidth: '5000' })).json();
    expect(roomy.width).toBeLessThanOrEqual(5000);
    expect(iframeSrc(roomy.html)).toBe(`${base}/embed`);
    const list: any = await (await oembed({ url: `${base}/?view=list` })).json();
    expect(iframeSrc(list.html)).toBe(`${base}/embed?view=list`);
    // The page's jurisdiction filter, a selected policy action and the timeline's zoom and spacing are part of the view.
    const zoomed: any = await (
      await oembed({ url: `${base}/?jurisdictions=EU,US-CA&action=eu-ai-act&zoom=2022-2025&scale=events` })
    ).json();
    expect(iframeSrc(zoomed.html)).toBe(`${base}/embed?jurisdictions=EU,US-CA&action=eu-ai-act&zoom=2022-2025&scale=events`);
    const iframe = await fetch(iframeSrc(body.html));
    expect(iframe.status).toBe(200);
  });

  it.each([
    [{ url: 'https://example.org/?organizations=meta' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/graphql' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/export/timeline.csv' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?openOnly=maybe' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?release=Not A Slug' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?view=sideways' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?jurisdictions=XX' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?action=Not A Slug' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?zoom=lots' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?zoom=2025-2022' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/?scale=log' }, 404, 'NOT_FOUND', 'url'],
    [{ url: '__BASE__/', format: 'xml' }, 501, 'FORMAT_NOT_IMPLEMENTED', 'format'],
    [{ url: '__BASE__/', format: 'yaml' }, 501, 'FORMAT_NOT_IMPLEMENTED', 'format'],
    [{}, 400, 'BAD_USER_INPUT', 'url'],
    [{ url: 'not a url' }, 400, 'BAD_USER_INPUT', 'url'],
    [{ url: '__BASE__/', maxwidth: 'wide' }, 400, 'BAD_USER_INPUT', 'maxwidth'],
    [{ url: '__BASE__/', maxheight: '0' }, 400, 'BAD_USER_INPUT', 'maxheight'],
    [{ url: '__BASE__/', maxwidth: '99999999999999999999' }, 400, 'BAD_USER_INPUT', 'maxwidth'],
  ])('%j is %i %s', async (params, status, code, parameter) => {
    const res = await oembed(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.replace('__BASE__', base)])));
    expect(res.status).toBe(status);
    const body: any = await res.json();
    expect(body).toMatchObject({ statusCode: status, code, parameter });
    expect(body.message).toEqual(expect.any(String));
  });

  it('puts PUBLIC_URL into the page as it is, even with $ in it (no replacement patterns)', async () => {
    const publicUrl = 'https://cost$$.example$&';
    const other = await startService(store, { PUBLIC_URL: publicUrl });
    try {
      const html = await (await fetch(`${other.base}/embed`)).text();
      expect(discovery(html)).toBe(`${publicUrl}/oembed?format=json&url=${encodeURIComponent(`${publicUrl}/embed`)}`);
      expect(html.match(/<\/head>/g)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('makes its links with PUBLIC_URL when set, and accepts only URLs under it', async () => {
    const other = await startService(store, { PUBLIC_URL: 'https://timeline.example.org' });
    try {
      const ok: any = await (
        await fetch(`${other.base}/oembed?url=${encodeURIComponent('https://timeline.example.org/?organizations=meta')}`)
      ).json();
      expect(iframeSrc(ok.html)).toBe('https://timeline.example.org/embed?organizations=meta');
      expect((await fetch(`${other.base}/oembed?url=${encodeURIComponent(`${other.base}/`)}`)).status).toBe(404);
      const html = await (await fetch(`${other.base}/?organizations=openai`)).text();
      expect(discovery(html)).toBe(
        `https://timeline.example.org/oembed?format=json&url=${encodeURIComponent('https://timeline.example.org/?organizations=openai')}`,
      );
    } finally {
      await other.close();
    }
  });
});

describe('discovery and framing headers', () => {
  /** A GET to the service with a Host header of the caller's choosing (fetch sets its own). */
  const get = (pathname: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: new URL(base).port, path: pathname, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject).end();
    });

  it('puts no markup from a forged Host header into the page or an oEmbed answer', async () => {
    const evil = 'evil.example"><script>alert(1)</script>';
    const page = await get('/', evil);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(discovery(page.body)).toBeNull();
    const answer = await get(`/oembed?url=${encodeURIComponent('http://evil.example/')}`, evil);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it.each([
    ['localhost:80', 'http://localhost'],
    ['LOCALHOST:__PORT__', 'http://localhost:__PORT__'],
    ['Timeline.Example.ORG', 'http://timeline.example.org'],
  ])('with Host %s, links to the origin %s, and that link answers', async (hostHeader, expected) => {
    const { port } = new URL(base);
    const [host, origin] = [hostHeader.replace('__PORT__', port), expected.replace('__PORT__', port)];
    const page = await get('/embed?organizations=meta', host);
    const href = discovery(page.body)!;
    expect(href).toBe(`${origin}/oembed?format=json&url=${encodeURIComponent(`${origin}/embed?organizations=meta`)}`);
    const { pathname, search } = new URL(href);
    const answer = await get(pathname + search, host);
    expect(answer.status).toBe(200);
    expect(iframeSrc(JSON.parse(answer.body).html)).toBe(`${origin}/embed?organizations=meta`);
  });

  it.each(['/?organizations=meta,openai&openOnly=true', '/embed?organizations=meta,openai&openOnly=true'])(
    '%s names its own view in an oEmbed discovery tag',
    async (url) => {
      const html = await (await fetch(`${base}${url}`)).text();
      const href = discovery(html);
      expect(href).toBe(`${base}/oembed?format=json&url=${encodeURIComponent(`${base}${url}`)}`);
      const body: any = await (await fetch(href!)).json();
      expect(iframeSrc(body.html)).toBe(`${base}/embed?organizations=meta,openai&openOnly=true`);
    },
  );

  it('lets any site frame /embed, and no site frame anything else', async () => {
    const embed = await fetch(`${base}/embed?organizations=meta`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toMatch(/frame-ancestors \*(;|$)/);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    for (const url of [
      '/',
      '/?organizations=meta',
      '/graphql?query=%7B__typename%7D',
      '/healthz',
      '/export/timeline.csv',
      '/oembed?url=x',
      '/nope',
    ]) {
      // A bare GET, as a framing page's iframe sends it: no header that would make it a preflighted request.
      const res = await fetch(`${base}${url}`, { headers: { accept: 'text/html,application/json' } });
      expect([url, res.headers.get('x-frame-options')]).toEqual([url, 'DENY']);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('CORS for the embed, in production without CORS_ORIGINS', () => {
  let production: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    production = await startService(store, { NODE_ENV: 'production', CORS_ORIGINS: '' });
  });
  afterAll(() => production?.close());
  const graphql = (origin: string, query: string) =>
    fetch(`${production.base}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
  const preflight = (origin: string, url: string) =>
    fetch(`${production.base}${url}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('serves /assets/* to any origin: a module script is fetched in CORS mode', async () => {
    const html = await (await fetch(`${production.base}/embed`)).text();
    const script = /<script type="module" src="([^"]+)"/.exec(html)![1]!;
    for (const origin of ['null', 'https://news.example']) {
      const res = await fetch(`${production.base}/${script}`, { headers: { origin } });
      expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
    }
  });

  it('answers GraphQL from a sandboxed frame (Origin: null), and still wants a key for a mutation', async () => {
    const allowed = await preflight('null', '/graphql');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('null');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
    // Any page can make itself "null": it is not offered the Authorization header.
    expect(allowed.headers.get('access-control-allow-headers')).not.toMatch(/authorization/i);
    const read = await graphql('null', '{ organizations { totalCount } }');
    expect(read.headers.get('access-control-allow-origin')).toBe('null');
    expect(((await read.json()) as any).data.organizations.totalCount).toBeGreaterThan(0);
    const write = await graphql('null', 'mutation { deleteRelease(input: { id: "UmVsZWFzZTox", version: 1 }) { deletedId } }');
    expect(((await write.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps CORS_ORIGINS for every other origin and route', async () => {
    const other = await preflight('https://news.example', '/graphql');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await graphql('https://news.example', '{ __typename }')).headers.get('access-control-allow-origin')).toBeNull();
    for (const url of ['/export/timeline.csv', '/oembed?url=x', '/embed']) {
      const res = await fetch(`${production.base}${url}`, { headers: { origin: 'null' } });
      expect([url, res.headers.get('access-control-allow-origin')]).toEqual([url, null]);
    }
  });
});

/** What a view shows: the organizations' releases and positions, and every policy action (the page narrows those by jurisdiction only). */
async function shownCount(service: string, filter: Record<string, unknown>): Promise<number> {
  const count = async (f: Record<string, unknown>) =>
    (await postGraphql(service, 'query ($filter: TimelineFilter) { timeline(filter: $filter) { totalCount } }', { filter: f })).timeline
      .totalCount as number;
  return (await count({ ...filter, eventTypes: ['RELEASE', 'POLICY_POSITION'] })) + (await count({ eventTypes: ['POLICY_ACTION'] }));
}

describe('the embed in another site, in Chromium', () => {
  let browser: Browser;
  let newsSite: http.Server;
  let newsBase: string;
  let production: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    browser = await launchChromium();
    // As deployed: production, and no CORS_ORIGINS (the embed must not need any).
    production = await startService(store, { NODE_ENV: 'production', CORS_ORIGINS: '' });
    // The news site: another origin (another port), whose article frames the embed and, wrongly, the page.
    newsSite = http.createServer((req, res) => {
      const article =
        req.url === '/wordpress'
          ? // What WordPress prints for an oEmbed provider it discovered: a sandboxed frame, whose origin is "null".
            `<iframe id="embed" sandbox="allow-scripts" src="${production.base}/embed?organizations=meta" width="600" height="900"></iframe>`
          : `<iframe id="embed" src="${base}/embed?organizations=meta,openai&openOnly=true" width="320" height="900" style="border:0"></iframe>
        <iframe id="page" src="${base}/?organizations=meta" width="320" height="300"></iframe>`;
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html><body style="margin:0"><h1>An article</h1>${article}</body></html>`);
    });
    await new Promise<void>((resolve) => newsSite.listen(0, '127.0.0.1', resolve));
    newsBase = `http://127.0.0.1:${(newsSite.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await production?.close();
    await new Promise((resolve) => newsSite?.close(resolve));
  });

  it('renders inside a sandboxed iframe (origin "null", as WordPress frames discovered providers) from a production service without CORS_ORIGINS', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await page.goto(`${newsBase}/wordpress`);
      const embed = page.frameLocator('#embed');
      const frame = (await (await page.$('#embed'))!.contentFrame())!;
      expect(await frame.evaluate('self.origin')).toBe('null');
      // A blocked script or request leaves the frame blank: the console says why.
      await embed
        .locator('#status', { hasText: /^\d+ events/ })
        .waitFor({ timeout: 30_000 })
        .catch((err: Error) => Promise.reject(new Error(`${err.message}\nConsole errors: ${errors.join('\n')}`)));
      const shown = await shownCount(production.base, { organizations: ['meta'] });
      expect(shown).toBeGreaterThan(0);
      expect(await embed.locator('#timeline .marker').count()).toBe(shown);
      expect(await embed.locator('#error').isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('renders the filtered events inside a 320 px iframe on another origin, links back to the full view, and refuses to frame /', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${newsBase}/article`);
      expect(new URL(newsBase).origin).not.toBe(new URL(base).origin);
      const embed = page.frameLocator('#embed');
      await embed.locator('#status', { hasText: /^\d+ events/ }).waitFor();
      const shown = await shownCount(base, { organizations: ['meta', 'openai'], openOnly: true });
      expect(await embed.locator('#timeline .marker').count()).toBe(shown);
      expect(await embed.locator('#timeline [data-key="release:llama-3-1"]').count()).toBe(1);
      expect(await embed.locator('#timeline [data-key="release:gpt-4"]').count()).toBe(0); // not open
      expect(await embed.locator('#controls').count()).toBe(0); // no page chrome

      const frame = (await (await page.$('#embed'))!.contentFrame())!;
      const fit = await frame.evaluate('({ width: innerWidth, scrollWidth: document.documentElement.scrollWidth })');
      expect(fit).toEqual({ width: 320, scrollWidth: 320 }); // nothing but the timeline's own box scrolls sideways
      expect(await embed.locator('#full-view').getAttribute('href')).toBe(`${base}/?organizations=meta,openai&openOnly=true`);
      expect(await embed.locator('#full-view').getAttribute('target')).toBe('_blank');

      fs.mkdirSync(path.join(__dirname, '..', '..', 'test-artifacts'), { recursive: true });
      await (await page.$('#embed'))!.screenshot({ path: path.join(__dirname, '..', '..', 'test-artifacts', 'embed-320.png') });
      const discoveryHref = `${base}/oembed?format=json&url=${encodeURIComponent(`${base}/embed?organizations=meta,openai&openOnly=true`)}`;
      const discoveryTag = embed.locator('link[type="application/json+oembed"]');
      expect(await discoveryTag.getAttribute('href')).toBe(discoveryHref);
      await embed.locator('#timeline [data-key="release:llama-3-1"]').click();
      await embed.locator('#details h2', { hasText: 'Llama 3.1' }).waitFor();
      // The server wrote the discovery tag for CMS fetchers, which run no script: the page leaves it alone.
      expect(await discoveryTag.getAttribute('href')).toBe(discoveryHref);
      expect(await embed.locator('#full-view').getAttribute('href')).toBe(
        `${base}/?organizations=meta,openai&openOnly=true&release=llama-3-1`,
      );

      // The page itself is refused: Chromium replaces the frame's document with an error page.
      const pageFrame = (await (await page.$('#page'))!.contentFrame())!;
      await pageFrame.waitForURL(/^chrome-error:/, { timeout: 30_000, waitUntil: 'commit' });
      expect(pageFrame.url()).toMatch(/^chrome-error:/);
      expect(await page.frameLocator('#page').locator('#timeline').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
