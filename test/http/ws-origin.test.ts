import WebSocket from 'ws';
import { startLive, type Live } from '../support/live';

/*
 * The WebSocket handshake's origin check against DNS rebinding: a page at
 * http://evil.example:4000, whose name the attacker points at this service, sends
 * Origin http://evil.example:4000 and Host evil.example:4000. Matching Origin to Host let
 * it subscribe; only CORS_ORIGINS (and, outside production, loopback pages) pass now.
 */

/** The handshake's HTTP status: 101 when the socket was opened, else the refusal's. */
function handshake(live: Live, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${live.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('in production', () => {
  let live: Live;
  beforeAll(async () => {
    live = await startLive({ NODE_ENV: 'production', CORS_ORIGINS: 'https://timeline.example' });
  });
  afterAll(() => live.close());

  it('refuses a rebound page whose Origin matches the Host header it sends', async () => {
    const port = new URL(live.base).port;
    expect(await handshake(live, { origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).toBe(403);
  });

  it('refuses an Origin equal to the address it was reached at, when CORS_ORIGINS does not list it', async () => {
    expect(await handshake(live, { origin: live.base })).toBe(403);
    expect(await handshake(live, { origin: `http://localhost:${new URL(live.base).port}` })).toBe(403);
  });

  it('accepts the listed origins, and clients that send no Origin (not browsers)', async () => {
    expect(await handshake(live, { origin: 'https://timeline.example' })).toBe(101);
    expect(await handshake(live, {})).toBe(101);
    expect(await handshake(live, { origin: 'https://other.example' })).toBe(403);
  });
});

describe('in development with CORS_ORIGINS set', () => {
  let live: Live;
  beforeAll(async () => {
    live = await startLive({ NODE_ENV: 'development', CORS_ORIGINS: 'https://timeline.example' });
  });
  afterAll(() => live.close());

  it('also accepts pages on this machine (a dev server, the Sandbox on localhost), and still refuses a rebound page', async () => {
    const port = new URL(live.base).port;
    expect(await handshake(live, { origin: 'http://localhost:5173' })).toBe(101);
    expect(await handshake(live, { origin: live.base })).toBe(101);
    expect(await handshake(live, { origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).toBe(403);
  });
});
