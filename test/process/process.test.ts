import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/*
 * The real entry point (`npm start` runs the same file), as a child process: start-up on
 * an empty SQLite file, configuration errors, and graceful shutdown with a request in flight.
 * `npm test` builds dist/ first.
 */

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'process-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
} {
  let out = '';
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env } });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  // 'close', not 'exit': it comes after the child's output has been read to the end.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function listening(output: () => string, exited: Promise<unknown>): Promise<string> {
  const deadline = Date.now() + 20_000;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    const match = /GraphQL API at (http:\/\/[^\s"]+)\/graphql/.exec(output());
    if (match) return match[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`service did not start:\n${output()}`);
}

it('stops at start-up on a bad variable, naming it and what it accepts', async () => {
  const { output, exited } = start({ PORT: 'abc' });
  expect(await exited).toBe(2);
  expect(output()).toContain('Invalid PORT="abc": expected an integer port from 0 to 65535.');
});

it('seeds an empty SQLite file at start, and finishes an in-flight request on SIGTERM before exiting', async () => {
  const { child, output, exited } = start({ PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'info' });
  const base = await listening(output, exited);
  expect(output()).toContain('seeded the empty database');

  // Send the headers and half the body, signal, then finish: the request was in flight.
  const body = JSON.stringify({ query: '{ organization(slug: "meta") { name } }' });
  const url = new URL(`${base}/graphql`);
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(10)), 300);
    }, 200);
  });

  const { status, text } = await response;
  expect(status).toBe(200);
  expect(JSON.parse(text).data.organization.name).toMatch(/Meta/);
  expect(await exited).toBe(0);
  expect(output()).toContain('shutting down');
  expect(output()).toContain('shut down cleanly');
  // Every log line is JSON, and request lines carry the request id.
  const lines = output()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.filter((l) => l.msg === 'request completed').every((l) => typeof l.reqId === 'string')).toBe(true);
});
