import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database';
import { tag } from './keyset';

/** The current data version: one indexed row, read per cacheable request. */
export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).modifyEnd(tag('dataVersion')).executeTakeFirstOrThrow();
  return Number(row.version);
}

/** Called inside every transaction that changes data. */
export async function bumpDataVersion(trx: Transaction<Database> | Kysely<Database>): Promise<void> {
  await trx.updateTable('data_version').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
}
