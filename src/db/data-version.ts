import { sql, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database';
import { tag } from './keyset';

const compiled = new WeakMap<Kysely<Database>, CompiledQuery<{ version: number }>>();

/** The current data version: one indexed row, read per cacheable request (query compiled once). */
export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  let query = compiled.get(db);
  if (!query) {
    query = db.selectFrom('data_version').select('version').where('id', '=', 1).modifyEnd(tag('dataVersion')).compile();
    compiled.set(db, query);
  }
  const { rows } = await db.executeQuery(query);
  if (!rows[0]) throw new Error('data_version row is missing; run the migrations');
  return Number(rows[0].version);
}

/** Called inside every transaction that changes data. */
export async function bumpDataVersion(trx: Transaction<Database> | Kysely<Database>): Promise<void> {
  await trx
    .updateTable('data_version')
    .set({ version: sql`version + 1` })
    .where('id', '=', 1)
    .execute();
}
