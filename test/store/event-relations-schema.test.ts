import type { Insertable } from 'kysely';
import type { EventRelationTable } from '../../src/db/database';
import { createTestStore, STORE_KINDS, type TestStore } from '../support/harness';

/*
 * The event_relations table holds to the rules on its own (migration 010): a row written
 * around the rules (by hand, or by a bug) with an unknown type, a link stored twice or a
 * link from an event to itself is refused by the store.
 */

describe.each(STORE_KINDS)('event_relations on %s', (kind) => {
  let store: TestStore;
  let ids: { a: number; b: number; release: number };
  beforeAll(async () => {
    store = await createTestStore({ kind });
    const id = async (table: 'policy_actions' | 'releases', slug: string) =>
      (await store.db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    ids = {
      a: await id('policy_actions', 'us-eo-14110'),
      b: await id('policy_actions', 'us-eo-14148'),
      release: await id('releases', 'llama-2'),
    };
  });
  afterAll(() => store.close());

  const row = (over: Partial<Insertable<EventRelationTable>> = {}): Insertable<EventRelationTable> => ({
    source_type: 'POLICY_ACTION',
    source_id: ids.a,
    ordinal: 90,
    relation_type: 'AMENDS',
    target_type: 'POLICY_ACTION',
    target_id: ids.b,
    note: null,
    ...over,
  });
  const insert = (values: Insertable<EventRelationTable>) => store.db.insertInto('event_relations').values(values).execute();
  /** The store's refusal of a row (by message: a driver's errors are not instances of Error in every test file's realm), or null. */
  const refusal = async (values: Insertable<EventRelationTable>) => {
    try {
      await insert(values);
      return null;
    } catch (err) {
      return String((err as Error).message);
    }
  };
  const clear = () => store.db.deleteFrom('event_relations').where('ordinal', '>=', 90).execute();
  afterEach(clear);

  it('takes a row that keeps the rules', async () => {
    await insert(row());
    // The same row id under another type is another event.
    await insert(row({ ordinal: 91, target_type: 'RELEASE', target_id: ids.a }));
    const rows = await store.db.selectFrom('event_relations').select('ordinal').where('ordinal', '>=', 90).execute();
    expect(rows).toHaveLength(2);
  });

  it.each([
    ['an unknown relation type', { relation_type: 'CITES' }, /event_relations_relation_type|CHECK constraint failed/],
    ['an unknown source type', { source_type: 'ORGANIZATION' }, /event_relations_source_type|CHECK constraint failed/],
    ['an unknown target type', { target_type: 'PERSON' }, /event_relations_target_type|CHECK constraint failed/],
    ['a link from an event to itself', { target_id: -1 }, /event_relations_not_self|CHECK constraint failed/],
  ])('refuses %s', async (_what, over, error) => {
    const values = row(over as Partial<Insertable<EventRelationTable>>);
    if (values.target_id === -1) values.target_id = values.source_id;
    expect(await refusal(values)).toMatch(error);
  });

  it('refuses a link stored twice under another ordinal', async () => {
    await insert(row());
    expect(await refusal(row({ ordinal: 91 }))).toMatch(/event_relations_link_key|UNIQUE constraint failed/);
    // Another type of link between the same two events is another link.
    await insert(row({ ordinal: 92, relation_type: 'RESPONDS_TO' }));
  });
});
