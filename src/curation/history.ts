import type { Kysely, Transaction } from 'kysely';
import type { ChangeOperation, Database, Role } from '../db/database';
import type { RecordKind, SeedRecords } from '../records/kind';
import { kindOf } from '../records/registry';

/*
 * The change history: one row per change to a record, written in the same transaction as
 * the change, with the record before and after in seed format (JSON), who made it (the
 * API key's name; null for the seed) and why.
 */

export interface ChangeEntry<K extends RecordKind> {
  kind: K;
  slug: string;
  /** The row changed: history follows the record, not its slug (which a new record may take after a delete). */
  id: number;
  operation: ChangeOperation;
  /** The mutation or script that made the change: `updateRelease`, `db:seed`. */
  mutation: string;
  keyName: string | null;
  /** The key's role, shown instead of its name to everyone but admins. */
  keyRole: Role | null;
  reason: string | null;
  /** The record's version after the change; null after a delete. */
  version: number | null;
  before: SeedRecords[K] | null;
  after: SeedRecords[K] | null;
}

export async function recordChange<K extends RecordKind>(
  trx: Transaction<Database> | Kysely<Database>,
  entry: ChangeEntry<K>,
): Promise<void> {
  await trx
    .insertInto('changes')
    .values({
      subject_type: kindOf(entry.kind).subject,
      subject_slug: entry.slug,
      subject_id: entry.id,
      operation: entry.operation,
      mutation: entry.mutation,
      key_name: entry.keyName,
      key_role: entry.keyRole,
      reason: entry.reason,
      version: entry.version,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}
