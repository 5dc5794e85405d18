import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { postJson, send, startLive } from '../support/live';

it('exposes Prometheus metrics per operation name, with process metrics', async () => {
  const live = await startLive({ RATE_LIMIT_MAX: '0', METRICS_OPERATIONS: 'MetaOrg,Broken' });
  try {
    await postJson(live.base, { query: 'query MetaOrg { organization(slug: "meta") { slug } }' });
    await postJson(live.base, { query: 'query Broken { releases(first: 1000) { totalCount } }' });
    const metrics = String((await send(live.base, { method: 'GET', path: '/metrics' })).body);
    expect(metrics).toMatch(/graphql_requests_total\{operation="MetaOrg"\} 1/);
    expect(metrics).toMatch(/graphql_errors_total\{operation="Broken",code="BAD_USER_INPUT"\} 1/);
    expect(metrics).toMatch(/graphql_request_duration_seconds_count\{operation="MetaOrg"\} 1/);
    expect(metrics).toMatch(/http_responses_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);
  } finally {
    await live.close();
  }
});

it('puts the request id on every log line of a request, and in masked errors', async () => {
  const lines: any[] = [];
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
  const live = await startLive({ RATE_LIMIT_MAX: '0', NODE_ENV: 'production' }, pino({ level: 'info' }, sink));
  try {
    await sql`drop table search_documents`.execute(live.store.db); // a real failure inside a resolver
    const res = await postJson(live.base, { query: '{ search(query: "llama") { totalCount } }' }, { 'x-request-id': 'trace-abc' });
    expect(res.headers.get('x-request-id')).toBe('trace-abc');
    expect(res.body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-abc' });
    const ofRequest = lines.filter((l) => l.reqId === 'trace-abc');
    expect(ofRequest.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'unexpected error while resolving', 'request completed']),
    );
    // (Under jest the driver's error crosses module realms and arrives wrapped; the code survives.)
    expect(JSON.stringify(ofRequest.find((l) => l.msg === 'unexpected error while resolving').err)).toMatch(
      /search_documents|SQLITE_ERROR/,
    );
  } finally {
    await live.close();
  }
});
