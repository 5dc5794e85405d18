import { postJson, send, startLive } from '../support/live';

const INTROSPECT = { query: '{ __schema { queryType { name } } }' };

describe('production mode', () => {
  it('turns off introspection, schema hints, stack traces and the Sandbox page', async () => {
    const live = await startLive({ NODE_ENV: 'production', RATE_LIMIT_MAX: '0' });
    try {
      const introspection = await postJson(live.base, INTROSPECT);
      expect(introspection.status).toBe(400);
      expect(introspection.body.errors[0].message).toMatch(/introspection/i);

      const typo = await postJson(live.base, { query: '{ organizaton(slug: "meta") { id } }' });
      expect(typo.status).toBe(400);
      expect(JSON.stringify(typo.body)).not.toMatch(/did you mean|organization/i);
      expect(typo.body.errors[0].extensions.stacktrace).toBeUndefined();

      const page = await send(live.base, { method: 'GET', headers: { accept: 'text/html' } });
      expect(page.status).not.toBe(200);
      expect(String(page.body)).not.toMatch(/sandbox/i);
    } finally {
      await live.close();
    }
  });

  it('publishes the schema and the Sandbox only when the operator says so', async () => {
    const live = await startLive({ NODE_ENV: 'production', INTROSPECTION: 'true', SANDBOX: 'true', RATE_LIMIT_MAX: '0' });
    try {
      expect((await postJson(live.base, INTROSPECT)).body.data.__schema.queryType.name).toBe('Query');
      const page = await send(live.base, { method: 'GET', headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(String(page.body)).toMatch(/sandbox/i);
    } finally {
      await live.close();
    }
  });

  it('also holds for the real process started with NODE_ENV=production', async () => {
    const { spawn } = await import('node:child_process');
    const path = await import('node:path');
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'src', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: 'sqlite::memory:',
        LOG_LEVEL: 'info',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      let base: string | undefined;
      for (let i = 0; i < 200 && !base; i++) {
        base = /GraphQL API at (http:\/\/[^\s"]+)\/graphql/.exec(out)?.[1];
        if (!base) await new Promise((r) => setTimeout(r, 50));
      }
      expect(base).toBeDefined();
      const introspection = await postJson(base!, INTROSPECT);
      expect(introspection.status).toBe(400);
      const ok = await postJson(base!, { query: '{ organization(slug: "meta") { slug } }' });
      expect(ok.body).toEqual({ data: { organization: { slug: 'meta' } } });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
    }
  });
});

describe('CORS', () => {
  const preflight = (base: string, origin: string) =>
    send(base, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('allows any origin in development', async () => {
    const live = await startLive({ NODE_ENV: 'development', RATE_LIMIT_MAX: '0' });
    try {
      const res = await preflight(live.base, 'https://anywhere.example');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    } finally {
      await live.close();
    }
  });

  it('allows no origin in production unless listed, and only the listed ones', async () => {
    const closed = await startLive({ NODE_ENV: 'production', RATE_LIMIT_MAX: '0' });
    try {
      expect((await preflight(closed.base, 'https://anywhere.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
    }
    const listed = await startLive({ NODE_ENV: 'production', CORS_ORIGINS: 'https://timeline.example', RATE_LIMIT_MAX: '0' });
    try {
      expect((await preflight(listed.base, 'https://timeline.example')).headers.get('access-control-allow-origin')).toBe(
        'https://timeline.example',
      );
      expect((await preflight(listed.base, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
      // A cacheable GET keeps Origin in Vary, so a shared cache never hands one origin's CORS answer to another.
      const cacheable = await send(listed.base, {
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
        headers: { origin: 'https://timeline.example', 'apollo-require-preflight': 'true' },
      });
      expect(cacheable.headers.get('cache-control')).toMatch(/public/);
      expect(cacheable.headers.get('vary')).toMatch(/origin/i);
      expect(cacheable.headers.get('vary')).toMatch(/accept/i);
      // A simple GET query is answered (API keys are bearer tokens: it carries no credentials); a mutation is not.
      const bare = await send(listed.base, { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}` });
      expect(bare.status).toBe(200);
      const mutation = await send(listed.base, { method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { __typename }')}` });
      expect(mutation.status).toBe(405);
    } finally {
      await listed.close();
    }
  });
});
