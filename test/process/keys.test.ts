import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { openStore, type Store } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { createService, type Service } from '../../src/http/server';
import { applySeed } from '../../src/seed/seed.apply';
import { createTestSchema, seed, STORE_KINDS } from '../support/harness';
import { postJson } from '../support/live';

/*
 * The key scripts and the HTTP service against one real store, on both stores: a key made
 * by `keys:create` writes through `Authorization: Bearer`, `keys:revoke` stops it, and
 * the database never holds the key itself.
 */

const run = promisify(execFile);
const KEYS = path.join(__dirname, '..', '..', 'dist', 'scripts', 'keys.js');

async function keys(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [KEYS, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const CREATE =
  'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } userErrors { code message } } }';
const org = (slug: string) => ({ input: { slug, name: `Org ${slug}`, kind: 'COMPANY' } });

describe.each(STORE_KINDS)('API keys from the scripts, used over HTTP (%s)', (kind) => {
  let env: Record<string, string>;
  let store: Store;
  let service: Service;
  let base: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const { schema, drop } = await createTestSchema();
      env = { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema };
      cleanup = drop;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
      env = { DATABASE_URL: `sqlite:${path.join(dir, 'timeline.sqlite')}` };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MAX: '0', ...env });
    store = openStore(config.store);
    await migrateToLatest(store);
    await applySeed(store, seed());
    service = await createService(config, store, pino({ level: 'silent' }));
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await service.close();
    await store.close();
    await cleanup();
  });

  it('creates a key shown once on the last line, stored only as a hash, that writes over HTTP', async () => {
    const made = await keys(env, 'create', '--name', 'ada', '--role', 'editor');
    expect(made.code).toBe(0);
    const lines = made.stdout.trim().split('\n');
    const key = lines.at(-1)!;
    expect(key).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(lines.slice(0, -1).join('\n')).not.toContain(key);

    const rows = await store.db.selectFrom('api_keys').selectAll().where('name', '=', 'ada').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(key.slice(10));

    const written = await postJson(base, { query: CREATE, variables: org('with-key') }, { authorization: `Bearer ${key}` });
    expect(written.status).toBe(200);
    expect(written.body.data.createOrganization).toEqual({ organization: { slug: 'with-key' }, userErrors: [] });

    const listed = await keys(env, 'list');
    expect(listed.stdout).toMatch(/ada\s+EDITOR\s+ptk_\S+\.\.\.\s+\S+ \S+\s+\S+ \S+\s+active/);
    expect(listed.stdout).not.toContain(key);
  });

  it('answers a write without a key 401 UNAUTHENTICATED and with a read-only key 403 FORBIDDEN', async () => {
    const anonymous = await postJson(base, { query: CREATE, variables: org('anonymous') });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const reader = (await keys(env, 'create', '--name', 'reader', '--role', 'reader')).stdout.trim().split('\n').at(-1)!;
    const refused = await postJson(base, { query: CREATE, variables: org('by-reader') }, { authorization: `Bearer ${reader}` });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // Reading needs no key, and a read-only key reads as well.
    const read = await postJson(base, { query: '{ organization(slug: "with-key") { slug } }' }, { authorization: `Bearer ${reader}` });
    expect(read.body.data.organization.slug).toBe('with-key');
  });

  it('revokes a key: it can no longer write', async () => {
    const key = (await keys(env, 'create', '--name', 'leaver', '--role', 'admin')).stdout.trim().split('\n').at(-1)!;
    const revoked = await keys(env, 'revoke', '--name', 'leaver');
    expect(revoked.code).toBe(0);
    const refused = await postJson(base, { query: CREATE, variables: org('by-leaver') }, { authorization: `Bearer ${key}` });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toMatch(/revoked/);
    expect((await keys(env, 'list')).stdout).toMatch(/leaver\s+ADMIN.*revoked/);
  });

  it('explains every mistake and exits non-zero', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['create', '--name', 'ada', '--role', 'editor'], /already exists/],
      [['create', '--name', 'bob', '--role', 'boss'], /unknown role "boss": use one of reader, editor, admin/],
      [['create', '--name', 'bob'], /missing --role/],
      [['create', '--name', 'has space', '--role', 'editor'], /invalid key name/],
      [['revoke', '--name', 'nobody'], /no key named "nobody"/],
      [['revoke', '--name', 'leaver'], /already revoked/],
      [['rotate'], /unknown command "rotate"/],
      [['list', '--verbose'], /Unknown option '--verbose'/],
    ];
    for (const [args, message] of cases) {
      const result = await keys(env, ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toMatch(message);
    }
  });
});
