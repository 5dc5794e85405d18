import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression, type Kysely } from 'kysely';

type DataTypeExpression = ColumnDataType | Expression<unknown>;

/**
 * Everything that differs between SQLite and PostgreSQL lives here, so repositories
 * and migrations stay dialect-neutral.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  /** A JS boolean as the driver binds it (better-sqlite3 binds no booleans). */
  bool(value: boolean): unknown;
  /** A stored boolean (0/1 on SQLite, true/false on PostgreSQL) back to JS. */
  readBool(value: unknown): boolean;
  /** Column type for slugs and other keys: byte order on both stores, so cursors agree. */
  readonly keyType: DataTypeExpression;
  readonly timestampType: DataTypeExpression;
  /** Auto-increment primary key. */
  idColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Runs `work` while no other process runs it (replicas starting together on one
   * PostgreSQL: only one seeds). SQLite is one process's file: nothing to exclude.
   */
  exclusively<T>(db: Kysely<any>, name: string, work: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction, holds the rows with these slugs against change or deletion until
   * it ends (PostgreSQL `FOR SHARE`, in slug order). SQLite runs one writer at a time:
   * nothing to hold.
   */
  holdRows(trx: Kysely<any>, table: string, slugs: readonly string[]): Promise<void>;
  /**
   * Inside a transaction, waits until no other transaction of this store writes timeline
   * events, and keeps them waiting until it ends. Rules on relations read events around the
   * one written (targets, referrers, chains of links), which row locks alone cannot keep
   * still under READ COMMITTED; writers taking this first see each other's commits whole.
   * PostgreSQL: a transaction-scoped advisory lock (EVENT_WRITES_LOCK). SQLite runs one
   * writer at a time: nothing to wait for.
   */
  serializeEventWrites(trx: Kysely<any>, options?: { bounded?: boolean }): Promise<void>;
}

/**
 * The PostgreSQL advisory lock that serializes writes to timeline events: the two-key form,
 * (EVENT_WRITES_LOCK, hashtext(current_schema())). The first key is the ASCII of "ptln"
 * (policy timeline), the second the store's schema, so stores in other schemas of one
 * database do not wait on each other. Two-key advisory locks are a key space apart from the
 * one-key locks of `exclusively` (pg_locks.objsubid 2, not 1), so the two never collide;
 * another application sharing the database would have to pick this very first key.
 */
export const EVENT_WRITES_LOCK = 0x70746c6e;
/** How long a timeline-event write waits for the others before it gives up (lock_timeout). */
const EVENT_WRITES_WAIT = '2s';

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => value === 1 || value === true,
  keyType: 'text',
  timestampType: 'text',
  idColumn: (col) => col.primaryKey().autoIncrement(),
  exclusively: (_db, _name, work) => work(),
  holdRows: async () => undefined,
  serializeEventWrites: async () => undefined,
};

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  bool: (value) => value,
  readBool: (value) => value === true,
  keyType: sql`text collate "C"`,
  timestampType: 'timestamptz',
  idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  holdRows: async (trx, table, slugs) => {
    if (slugs.length)
      await trx
        .selectFrom(table)
        .select('id')
        .where('slug', 'in', [...slugs])
        .orderBy('slug')
        .forShare()
        .execute();
  },
  serializeEventWrites: async (trx, options = {}) => {
    // An API write waits for the lock at most EVENT_WRITES_WAIT (below the default statement
    // timeout), then gives up with lock_not_available, which the caller retries and at last
    // answers as a CONFLICT (a statement timeout would have become a 500). The seed waits.
    if (options.bounded) await sql.raw(`set local lock_timeout = '${EVENT_WRITES_WAIT}'`).execute(trx);
    await sql`select pg_advisory_xact_lock(${sql.lit(EVENT_WRITES_LOCK)}, hashtext(current_schema()))`.execute(trx);
  },
  // A session advisory lock, held on one pooled connection while the work runs on others.
  exclusively: (db, name, work) =>
    db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(hashtext(${name}))`.execute(conn);
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn);
      }
    }),
};

/** A stored timestamp as a Date: SQLite keeps `YYYY-MM-DD HH:MM:SS` text in UTC, the pg driver gives a Date. */
export function readTimestamp(value: unknown): Date {
  return value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`);
}
