import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * Slow clients, many connections and shutdown, against the real entry point over real
 * sockets: a client trickling its headers or body is cut near REQUEST_TIMEOUT_MS (Node
 * alone checked only every 30 s), MAX_CONNECTIONS caps open sockets, and SIGTERM does not
 * wait on idle or slow clients beyond SHUTDOWN_TIMEOUT_MS.
 */

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];
const sockets: net.Socket[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connections-test-'));
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '0',
      ...env,
    },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  let port = 0;
  while (!port && Date.now() < deadline) {
    port = Number(/GraphQL API at http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(out)?.[1] ?? 0);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!port) throw new Error(`service did not start:\n${out}`);
  return { child, port, exited, output: () => out };
}

interface Trickle {
  /** When the server closed the connection (ms after connecting), or null if it had not within `giveUpMs`. */
  closedAfter: Promise<number | null>;
  received: () => string;
  socket: net.Socket;
}

/** A client that connects, writes `first`, then one more chunk every `everyMs` until the server hangs up. */
function trickle(port: number, first: string, next: () => string, everyMs = 200, giveUpMs = 12_000): Trickle {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  const started = Date.now();
  socket.on('data', (d) => (received += d));
  socket.on('error', () => undefined);
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(next());
  }, everyMs);
  const closedAfter = new Promise<number | null>((resolve) => {
    const giveUp = setTimeout(() => resolve(null), giveUpMs);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(Date.now() - started);
    });
  }).finally(() => clearInterval(timer));
  socket.on('connect', () => socket.write(first));
  return { closedAfter, received: () => received, socket };
}

const get = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);

it('cuts a client sending its headers a line at a time near REQUEST_TIMEOUT_MS, with 408', async () => {
  const { port } = await start({ REQUEST_TIMEOUT_MS: '2000' });
  let n = 0;
  const slow = trickle(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', () => `X-Slow-${n++}: y\r\n`);
  const closedAfter = await slow.closedAfter;
  // Cut at the bound (plus the check interval), not 30 s late; 10 s covers a loaded machine.
  expect(closedAfter).not.toBeNull();
  expect(closedAfter!).toBeGreaterThanOrEqual(1900);
  expect(closedAfter!).toBeLessThan(10_000);
  expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
  expect(await get(port)).toBe(200);
});

it('cuts a client sending its body a byte at a time near REQUEST_TIMEOUT_MS', async () => {
  const { port } = await start({ REQUEST_TIMEOUT_MS: '2000' });
  const headers = 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{';
  const slow = trickle(port, headers, () => ' ');
  const closedAfter = await slow.closedAfter;
  expect(closedAfter).not.toBeNull();
  expect(closedAfter!).toBeGreaterThanOrEqual(1900);
  expect(closedAfter!).toBeLessThan(10_000);
  // The request was never complete: no answer but a 408 (or none) before the cut.
  expect(slow.received()).not.toMatch(/^HTTP\/1\.1 200/);
  expect(await get(port)).toBe(200);
});

it('cuts a client that connects and sends nothing near REQUEST_TIMEOUT_MS', async () => {
  const { port } = await start({ REQUEST_TIMEOUT_MS: '2000' });
  const silent = trickle(port, '', () => '');
  const closedAfter = await silent.closedAfter;
  expect(closedAfter).not.toBeNull();
  expect(closedAfter!).toBeLessThan(10_000);
});

it('accepts at most MAX_CONNECTIONS open sockets, and new ones again once they close', async () => {
  const { port } = await start({ MAX_CONNECTIONS: '5', REQUEST_TIMEOUT_MS: '60000' });
  const held = Array.from({ length: 5 }, () => trickle(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', () => 'X-A: b\r\n', 500, 60_000));
  await Promise.all(
    held.map((h) => new Promise((resolve) => (h.socket.readyState === 'open' ? resolve(null) : h.socket.once('connect', resolve)))),
  );
  await new Promise((r) => setTimeout(r, 300));
  const extra = trickle(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', () => '', 1000, 5000);
  expect(await extra.closedAfter).not.toBeNull(); // dropped at once by the server
  expect(extra.received()).toBe('');
  for (const h of held) expect(h.socket.destroyed).toBe(false);
  for (const h of held) h.socket.destroy();
  await new Promise((r) => setTimeout(r, 300));
  expect(await get(port)).toBe(200);
});

it('on SIGTERM closes idle and half-sent connections at once and exits within SHUTDOWN_TIMEOUT_MS despite a slow body', async () => {
  const { child, port, exited, output } = await start({ REQUEST_TIMEOUT_MS: '60000', SHUTDOWN_TIMEOUT_MS: '2000' });
  // An idle keep-alive connection, a client still sending headers, and one sending its body forever.
  const idle = net.connect(port, '127.0.0.1');
  sockets.push(idle);
  idle.on('error', () => undefined);
  const idleClosed = new Promise<number>((resolve) => idle.on('close', () => resolve(Date.now())));
  await new Promise((resolve) => idle.once('connect', resolve));
  idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => idle.once('data', resolve));
  let n = 0;
  const halfHeaders = trickle(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', () => `X-Slow-${n++}: y\r\n`, 200, 20_000);
  const slowBody = trickle(
    port,
    'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    () => ' ',
    200,
    20_000,
  );
  await new Promise((r) => setTimeout(r, 500));

  const signalled = Date.now();
  child.kill('SIGTERM');
  const code = await exited;
  const took = Date.now() - signalled;

  expect(code).toBe(0);
  expect(output()).toContain('shut down cleanly');
  // Idle and half-sent connections go at once; the slow body gets the 2 s grace, then is cut.
  expect((await idleClosed) - signalled).toBeLessThan(1500);
  expect(await halfHeaders.closedAfter).not.toBeNull();
  expect(await slowBody.closedAfter).not.toBeNull();
  expect(took).toBeGreaterThanOrEqual(1500);
  expect(took).toBeLessThan(8000);
});
