import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../src/auth/api-keys';
import { createTestStore, STORE_KINDS, type TestStore } from '../support/harness';
import { startService } from '../support/service';
import { CREATE_RELEASE, curate, LiveClient, newRelease, untilSubscribers, type Subscription } from '../support/subscriptions';

/*
 * Fan-out reads the database once per change, whatever the number of subscribers: the
 * SQL statements one mutation costs with 200 subscribers are those it costs with one.
 * (Timings are the bench's business: bench/fanout.ts.)
 */

const ADDED = `subscription {
  timelineEventAdded(filter: { organizations: ["meta"] }) {
    __typename slug title organization { name } sources { url title }
    ... on Release { license { name } variants { name } }
  }
}`;

describe.each(STORE_KINDS)('live-update fan-out (%s)', (kind) => {
  let store: TestStore;
  let service: Awaited<ReturnType<typeof startService>>;
  let key: string;
  beforeAll(async () => {
    store = await createTestStore({ kind });
    service = await startService(store, { RATE_LIMIT_MAX: '0', RESPONSE_CACHE: 'false', MAX_SUBSCRIPTIONS_PER_CONNECTION: '20' });
    key = (await createApiKey(store.db, `fanout-${randomBytes(3).toString('hex')}`, 'EDITOR')).key;
  });
  afterAll(async () => {
    await service?.close();
    await store?.close();
  });

  /** SQL statements of one release created while `count` subscriptions listen, once all of them have it. */
  async function statementsWith(count: number): Promise<{ statements: number; received: any[] }> {
    const clients = Array.from({ length: Math.ceil(count / 20) }, () => new LiveClient(service.base));
    const subscriptions: Subscription[] = [];
    try {
      for (let i = 0; i < count; i++) subscriptions.push(clients[i % clients.length]!.subscribe(ADDED));
      await untilSubscribers(service.service.events, count, 20_000);
      const slug = `fanout-${count}-${randomBytes(3).toString('hex')}`;
      store.resetCount();
      await curate(service.base, key, CREATE_RELEASE, newRelease(slug, 'meta'));
      const received = await Promise.all(subscriptions.map((s) => s.data(20_000)));
      for (const data of received)
        expect(data.timelineEventAdded).toMatchObject({
          slug,
          organization: { name: 'Meta Platforms, Inc.' },
          sources: [{ url: `https://example.org/${slug}` }],
        });
      // Less the key's last-use write, which is bookkeeping made at most once a minute per key.
      return { statements: store.sql.filter((q) => !/^update "api_keys"/i.test(q)).length, received };
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await untilSubscribers(service.service.events, 0, 20_000);
    }
  }

  it('costs the same SQL statements per change with 200 subscribers as with one', async () => {
    const one = await statementsWith(1);
    const many = await statementsWith(200);
    if (process.env.SHOW_FIGURES) console.log(kind, { one: one.statements, many: many.statements });
    expect(many.received).toHaveLength(200);
    expect(many.statements).toBe(one.statements);
  }, 120_000);
});
