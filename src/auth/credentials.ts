import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import type { Store } from '../db/connect';
import type { Role } from '../db/database';
import { findApiKey, looksLikeKey } from './api-keys';

/*
 * Who is calling. Reading needs no key, so the Authorization header is looked at only
 * when an operation needs a role (a mutation, the audit log): plain reads cost nothing.
 */

export interface Viewer {
  keyId: number;
  name: string;
  role: Role;
}

const RANK: Record<Role, number> = { READER: 0, EDITOR: 1, ADMIN: 2 };

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

/** A key's last use is written at most this often per key and process: it is bookkeeping. */
const LAST_USE_EVERY_MS = 60_000;
const lastUseWritten = new WeakMap<Store, Map<number, number>>();

/**
 * Records a key's use, not awaited: while another process holds SQLite's write lock (a
 * backup), a keyed read must neither wait for it nor fail with it, and a burst of keyed
 * requests costs one write a minute, not one each.
 */
function noteUse(store: Store, keyId: number): void {
  const now = Date.now();
  let written = lastUseWritten.get(store);
  if (!written) lastUseWritten.set(store, (written = new Map()));
  if (now - (written.get(keyId) ?? -Infinity) < LAST_USE_EVERY_MS) return;
  if (written.size >= 10_000) written.clear(); // keys are few; bound it anyway
  written.set(keyId, now);
  void store.db
    .updateTable('api_keys')
    .set({ last_used_at: sql`CURRENT_TIMESTAMP` })
    .where('id', '=', keyId)
    .execute()
    .catch(() => undefined);
}

export class Credentials {
  private viewer: Promise<Viewer> | undefined;

  constructor(
    private readonly store: Store,
    private readonly authorization: string | undefined,
  ) {}

  /** The caller's key, checked: throws UNAUTHENTICATED without a valid key, FORBIDDEN when revoked. */
  private resolve(): Promise<Viewer> {
    this.viewer ??= (async () => {
      const header = this.authorization?.trim();
      if (!header) throw unauthenticated('This operation needs an API key: send "Authorization: Bearer <key>".');
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>".');
      const key = match[1]!;
      const row = looksLikeKey(key) ? await findApiKey(this.store.db, key) : undefined;
      if (!row) throw unauthenticated('The API key is not recognised.');
      if (row.revoked_at !== null) throw forbidden(`The API key "${row.name}" has been revoked.`);
      noteUse(this.store, row.id);
      return { keyId: row.id, name: row.name, role: row.role };
    })();
    return this.viewer;
  }

  /**
   * Whether the caller holds at least `role`, for what a read shows (not whether it may
   * run): no key, a bad key or a revoked one is simply "no". A database failure still throws.
   */
  async holds(role: Role): Promise<boolean> {
    if (!this.authorization?.trim()) return false;
    try {
      return RANK[(await this.resolve()).role] >= RANK[role];
    } catch (err) {
      if (err instanceof GraphQLError) return false;
      throw err;
    }
  }

  /** The viewer, if they hold at least `role`; otherwise UNAUTHENTICATED or FORBIDDEN. */
  async require(role: Role): Promise<Viewer> {
    const viewer = await this.resolve();
    if (RANK[viewer.role] < RANK[role]) {
      throw forbidden(
        `The API key "${viewer.name}" has the ${viewer.role} role; this operation needs ${role}${role === 'ADMIN' ? '' : ' or ADMIN'}.`,
      );
    }
    return viewer;
  }
}
