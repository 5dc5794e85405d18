import { isRowId } from '../db/rows';
import { readTimestamp } from '../db/adapter';
import type { ChangeRow } from '../db/database';
import type { Context } from '../app/context';
import { toGlobalId } from '../graphql/relay/global-id';
import type { Node } from '../graphql/relay/node.type';
import { kindBySubject } from '../records/registry';
import { Change } from './history.type';

/* History rows as `Change` objects, and one change by the key inside its global id. */

const parse = (json: string | null): Record<string, unknown> | null =>
  json === null ? null : (JSON.parse(json) as Record<string, unknown>);

export function toChange(row: ChangeRow): Change {
  const before = parse(row.before);
  const after = parse(row.after);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return Object.assign(new Change(), {
    id: toGlobalId('Change', String(row.id)),
    operation: row.operation,
    mutation: row.mutation,
    keyName: row.key_name,
    keyRole: row.key_role,
    subjectId: row.subject_id === null ? null : Number(row.subject_id),
    reason: row.reason,
    changedAt: readTimestamp(row.changed_at),
    version: row.version === null ? null : Number(row.version),
    recordType: row.subject_type,
    recordSlug: row.subject_slug,
    recordId: toGlobalId(kindBySubject(row.subject_type).typeName, row.subject_slug),
    before,
    after,
    changedFields: keys.filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).sort(),
  });
}

/**
 * The record a change is about, as it is now; null once deleted, even if a new record has
 * taken its slug since (history follows the row, not the slug).
 */
export async function recordOf(ctx: Context, change: Pick<Change, 'recordType' | 'recordSlug' | 'subjectId'>): Promise<Node | null> {
  const node = (await kindBySubject(change.recordType).fetch(ctx, change.recordSlug)) as (Node & { dbId?: number }) | null;
  return node && node.dbId === change.subjectId ? node : null;
}

/**
 * One change by its id, visible to whoever can see it in a history: anyone while its
 * record exists (its `history` field lists it), only admins once the record is deleted
 * (then only `auditLog` lists it). Anyone else gets null, as for an id that never existed.
 */
export async function changeByKey(ctx: Context, key: string): Promise<Change | null> {
  if (!isRowId(key)) return null;
  const row = await ctx.loaders.history.byId.load(Number(key));
  if (!row) return null;
  const change = toChange(row);
  if (await recordOf(ctx, change)) return change;
  return (await ctx.credentials.holds('ADMIN')) ? change : null;
}
