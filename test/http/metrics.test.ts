import { Writable } from 'node:stream';
import pino from 'pino';
import { pageOperationNames } from '../../src/http/metrics';
import { postJson, send, startLive } from '../support/live';

/*
 * /metrics is public by default and scraped often: its size must not grow with what
 * clients send, and an operator can require a token or move it to a port of its own.
 */

const scrape = async (base: string, headers: Record<string, string> = {}) => send(base, { method: 'GET', path: '/metrics', headers });

it('stays the same size after hundreds of client-chosen operation names, keeping the page operations and the allow-list by name', async () => {
  const live = await startLive({ RATE_LIMIT_MAX: '0', METRICS_OPERATIONS: 'Dashboard' });
  try {
    await postJson(live.base, { query: 'query TimelinePage { timeline(first: 1) { totalCount } }' });
    await postJson(live.base, { query: 'query Dashboard { organization(slug: "meta") { slug } }' });
    const before = String((await scrape(live.base)).body).length;

    const names = Array.from({ length: 500 }, (_, i) => `Probe${i}_${Math.random().toString(36).slice(2, 10)}`);
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(
        names.slice(i, i + 25).map((name) => postJson(live.base, { query: `query ${name} { releases(first: 1000) { totalCount } }` })),
      );
    }
    const reply = await scrape(live.base);
    const metrics = String(reply.body);

    expect(reply.status).toBe(200);
    // 500 names used to add about 2 KB each (1 MB); now they share one "other" series.
    expect(metrics.length).toBeLessThan(before + 8 * 1024);
    expect(metrics).not.toMatch(/Probe\d/);
    expect(metrics).toMatch(/graphql_requests_total\{operation="other"\} 500/);
    expect(metrics).toMatch(
      /graphql_errors_total\{operation="other",code="QUERY_TOO_COSTLY"\} 500|graphql_errors_total\{operation="other",code="BAD_USER_INPUT"\} 500/,
    );
    expect(metrics).toMatch(/graphql_requests_total\{operation="TimelinePage"\} 1/);
    expect(metrics).toMatch(/graphql_requests_total\{operation="Dashboard"\} 1/);
  } finally {
    await live.close();
  }
}, 120_000);

it('knows the operations of the page by name', () => {
  expect(pageOperationNames()).toEqual(expect.arrayContaining(['TimelinePage', 'Organizations', 'ReleaseDetails', 'PositionDetails']));
});

it('bounds the route label: requests to thousands of unknown paths count as one route', async () => {
  const live = await startLive({ RATE_LIMIT_MAX: '0' });
  try {
    for (let i = 0; i < 500; i += 50)
      await Promise.all(Array.from({ length: 50 }, (_, j) => send(live.base, { method: 'GET', path: `/nothing-${i + j}` })));
    const metrics = String((await scrape(live.base)).body);
    expect(metrics).not.toMatch(/nothing-/);
    expect(metrics).toMatch(/http_responses_total\{method="GET",route="unmatched",status="404"\} 500/);
  } finally {
    await live.close();
  }
});

it('requires METRICS_TOKEN as a bearer token when one is set', async () => {
  const token = 'scrape-token-0123456789abcdef';
  const live = await startLive({ METRICS_TOKEN: token });
  try {
    const without = await scrape(live.base);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(without.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(String(without.body)).not.toContain('graphql_requests_total');
    expect((await scrape(live.base, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(401);
    const withToken = await scrape(live.base, { authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    expect(String(withToken.body)).toContain('process_resident_memory_bytes');
  } finally {
    await live.close();
  }
});

it('serves /metrics only on METRICS_PORT when one is set, and closes that port with the service', async () => {
  const lines: Array<{ msg: string; port?: number }> = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => (
      lines.push(
        ...String(chunk)
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ),
      done()
    ),
  });
  const live = await startLive({ METRICS_PORT: '0', METRICS_TOKEN: 'scrape-token-0123456789abcdef' }, pino({ level: 'info' }, sink));
  const port = lines.find((l) => /^metrics at /.test(l.msg))?.port;
  expect(port).toBeGreaterThan(0);
  const metricsBase = `http://127.0.0.1:${port}`;
  try {
    expect((await scrape(live.base, { authorization: 'Bearer scrape-token-0123456789abcdef' })).status).toBe(404);
    expect((await scrape(metricsBase)).status).toBe(401);
    const reply = await scrape(metricsBase, { authorization: 'Bearer scrape-token-0123456789abcdef' });
    expect(reply.status).toBe(200);
    expect(String(reply.body)).toContain('graphql_requests_total');
    expect((await send(metricsBase, { method: 'GET', path: '/graphql' })).status).toBe(404);
  } finally {
    await live.close();
  }
  await expect(fetch(`${metricsBase}/metrics`)).rejects.toThrow();
});
