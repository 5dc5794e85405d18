import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, HEADLINE, metric, waitFor } from './common';
import { mixedSoak } from './soak-mixed';

/*
 * Soak: the headline query at a fixed concurrency for a fixed time, on loopback, against
 * the real process (npm start's entry) on a fresh SQLite file. Every response is checked
 * against the first one byte for byte, so a wrong answer counts as an error.
 *   npm run soak                      (SOAK_SECONDS=60 SOAK_CONNECTIONS=16 by default)
 * Then the mixed run (bench/soak-mixed.ts): queries, mutations, subscribers, and a Redis
 * outage in the middle. SOAK_ONLY=headline or SOAK_ONLY=mixed runs one of the two.
 */

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);

const resultsDir = path.join(__dirname, '..', '..', 'bench', 'results');

async function main(): Promise<void> {
  if (process.env.SOAK_ONLY !== 'mixed') await headline();
  if (process.env.SOAK_ONLY !== 'headline') await mixed();
}

async function mixed(): Promise<void> {
  const report = (await mixedSoak()) as any;
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'soak-mixed.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`| phase | requests | errors | p50 ms | p99 ms | max ms |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
  for (const phase of ['before', 'outage', 'after']) {
    const s = report[phase];
    console.log(`| ${phase} | ${s.requests} | ${s.errors} | ${s.p50} | ${s.p99} | ${s.max} |`);
  }
  console.log(
    `errors outside the outage: ${report.errorsOutsideOutage}; p99 back to normal within ${report.p99BackToNormalWithinSeconds} s of the restore; Redis ready again after ${report.redisReadyAgainAfterMs} ms`,
  );
  console.log(
    `mutations: ${report.mutations.total} (${report.mutations.failed} failed); deliveries outside the outage: ${report.deliveriesOutsideOutage.delivered} of ${report.deliveriesOutsideOutage.expected}`,
  );
  if (report.errorsOutsideOutage > 0 || report.p99BackToNormalWithinSeconds > 5) process.exitCode = 1;
}

async function headline(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Logs at warn: request lines at info would measure the log pipe, not the service.
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      RESPONSE_CACHE: process.env.SOAK_CACHE ?? 'false',
      DATABASE_URL: `sqlite:${path.join(dir, 'soak.sqlite')}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${base}/readyz`);
    const body = JSON.stringify({ query: HEADLINE(50) });
    const headers = { 'content-type': 'application/json' };
    const expected = await (await fetch(`${base}/graphql`, { method: 'POST', headers, body })).text();
    if (expected.includes('"errors"')) throw new Error(`headline query failed: ${expected}`);
    for (let i = 0; i < 200; i++) await (await fetch(`${base}/graphql`, { method: 'POST', headers, body })).text(); // warm up
    const rssBefore = await metric(base, 'process_resident_memory_bytes');
    const result = await autocannon({
      url: `${base}/graphql`,
      method: 'POST',
      headers,
      body,
      connections: CONNECTIONS,
      duration: SECONDS,
      expectBody: expected,
    });
    const rssAfter = await metric(base, 'process_resident_memory_bytes');
    const errors = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      store: 'SQLite file',
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      errors,
      breakdown: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches },
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      rssMb: { before: +(rssBefore / 2 ** 20).toFixed(1), after: +(rssAfter / 2 ** 20).toFixed(1) },
    };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'soak.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`| seconds | connections | requests | req/s | errors | p50 ms | p90 ms | p99 ms | max ms | RSS before MB | RSS after MB |`);
    console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    console.log(
      `| ${SECONDS} | ${CONNECTIONS} | ${report.requests} | ${report.requestsPerSecond.toFixed(0)} | ${errors} | ${report.latencyMs.p50} | ${report.latencyMs.p90} | ${report.latencyMs.p99} | ${report.latencyMs.max} | ${report.rssMb.before} | ${report.rssMb.after} |`,
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
