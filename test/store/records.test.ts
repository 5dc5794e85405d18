import 'reflect-metadata';
import { canonical, readRecords, RECORD_KINDS } from '../../src/curation/records';
import { createTestStore, seed, STORE_KINDS, type TestStore } from '../support/harness';

/* Records read back in seed format are exactly what the seed files parse to. */
describe.each(STORE_KINDS)('records in seed format (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
  });
  afterAll(() => store.close());

  it.each(RECORD_KINDS)('reads every %s back as the seed wrote it', async (recordKind) => {
    const stored = await readRecords(store.db, store.adapter, recordKind);
    const seeded = seed()
      [recordKind].map((r) => r.value)
      .sort((a, b) => (a.slug < b.slug ? -1 : 1));
    expect(stored.map((r) => r.value.slug)).toEqual(seeded.map((r) => r.slug));
    for (const [i, record] of stored.entries()) expect(canonical(record.value)).toBe(canonical(seeded[i]));
  });

  it('reads only the slugs asked for, and nothing for an unknown one', async () => {
    const some = await readRecords(store.db, store.adapter, 'releases', ['llama-2', 'no-such-release']);
    expect(some.map((r) => r.value.slug)).toEqual(['llama-2']);
    expect(some[0]!.version).toBe(1);
  });
});
