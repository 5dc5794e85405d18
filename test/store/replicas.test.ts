import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApiKey } from '../../src/auth/api-keys';
import { loadConfig } from '../../src/config';
import { openStore, type Store } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { createService, type Service } from '../../src/http/server';
import { applySeed } from '../../src/seed/seed.apply';
import { createTestSchema, seed } from '../support/harness';
import { postJson } from '../support/live';

/*
 * Two replicas of the service over one PostgreSQL, each with its own connection pool, as
 * behind a load balancer: curators writing through both at once still cannot overwrite
 * each other, and a write through one is read through the other at once.
 */

const maybe = process.env.TEST_DATABASE_URL ? describe : describe.skip;

maybe('two replicas over one PostgreSQL', () => {
  const replicas: Array<{ store: Store; service: Service; base: string }> = [];
  let drop: () => Promise<void>;
  let auth: Record<string, string>;

  beforeAll(async () => {
    const created = await createTestSchema();
    drop = created.drop;
    const config = loadConfig({
      NODE_ENV: 'test',
      RATE_LIMIT_MAX: '0',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      DATABASE_SCHEMA: created.schema,
    });
    for (let i = 0; i < 2; i++) {
      const store = openStore(config.store);
      if (i === 0) {
        await migrateToLatest(store);
        await applySeed(store, seed());
      }
      const service = await createService(config, store, pino({ level: 'silent' }));
      await service.app.listen({ port: 0, host: '127.0.0.1' });
      replicas.push({ store, service, base: `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}` });
    }
    auth = { authorization: `Bearer ${(await createApiKey(replicas[0]!.store.db, 'replica-editor', 'EDITOR')).key}` };
  });
  afterAll(async () => {
    for (const { service, store } of replicas) {
      await service.close();
      await store.close();
    }
    await drop();
  });

  const UPDATE =
    'mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { version summary } userErrors { code currentVersion } } }';

  it('lets exactly one of many concurrent updates through either replica win each version', async () => {
    const read = async (base: string) =>
      (await postJson(base, { query: '{ release(slug: "gpt-4o") { id version summary } }' })).body.data.release;
    const start = await read(replicas[0]!.base);
    let version = start.version;
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          postJson(
            replicas[i % 2]!.base,
            { query: UPDATE, variables: { input: { id: start.id, version, summary: `round ${round}, writer ${i}` } } },
            auth,
          ),
        ),
      );
      const payloads = answers.map((a) => a.body.data.updateRelease);
      const winners = payloads.filter((p) => p.userErrors.length === 0);
      expect(winners).toHaveLength(1);
      expect(payloads.filter((p) => p.userErrors[0]?.code === 'CONFLICT' && p.userErrors[0].currentVersion === version + 1)).toHaveLength(
        7,
      );
      version = winners[0].release.version;
      // Both replicas read the winner's text at once.
      for (const { base } of replicas) expect(await read(base)).toMatchObject({ version, summary: winners[0].release.summary });
    }
    expect(version).toBe(start.version + 3);
  });
});
