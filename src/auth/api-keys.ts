import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ApiKeyRow, Database, Role } from '../db/database';

/*
 * API keys for curators. A key is shown once, when it is made; the database keeps only
 * its SHA-256 (a key is 32 random bytes, so a fast hash is enough: there is nothing to
 * guess) and a short prefix so an owner can tell keys apart in `keys:list`.
 */

export const ROLES: readonly Role[] = ['READER', 'EDITOR', 'ADMIN'];
const KEY_PATTERN = /^ptk_[A-Za-z0-9_-]{43}$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const looksLikeKey = (key: string) => KEY_PATTERN.test(key);

export class ApiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyError';
  }
}

export function parseRole(value: string): Role {
  const role = value.toUpperCase() as Role;
  if (!ROLES.includes(role)) throw new ApiKeyError(`unknown role "${value}": use one of ${ROLES.map((r) => r.toLowerCase()).join(', ')}`);
  return role;
}

export async function createApiKey(db: Kysely<Database>, name: string, role: Role): Promise<{ key: string; row: ApiKeyRow }> {
  if (!NAME_PATTERN.test(name)) {
    throw new ApiKeyError(`invalid key name "${name}": use 1-100 letters, digits, ".", "_", "@" or "-", starting with a letter or digit`);
  }
  const existing = await db.selectFrom('api_keys').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) throw new ApiKeyError(`a key named "${name}" already exists: pick another name, or revoke it first and choose a new name`);
  const key = `ptk_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ name, role, key_hash: hashKey(key), prefix: key.slice(0, 10) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, row };
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('name').execute();
}

/** Revokes a key by name; revoking twice is an error, so a typo never looks like success. */
export async function revokeApiKey(db: Kysely<Database>, name: string): Promise<ApiKeyRow> {
  const row = await db.selectFrom('api_keys').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw new ApiKeyError(`no key named "${name}" (see npm run keys:list)`);
  if (row.revoked_at !== null) throw new ApiKeyError(`the key "${name}" was already revoked at ${String(row.revoked_at)}`);
  return db
    .updateTable('api_keys')
    .set({ revoked_at: sql`CURRENT_TIMESTAMP` })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findApiKey(db: Kysely<Database>, key: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', hashKey(key)).executeTakeFirst();
}
