import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  HandleEmptyInListsPlugin,
  Kysely,
  PostgresDialect,
  replaceWithNoncontingentExpression,
  type LogEvent,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely';
import { Pool } from 'pg';
import { isUnavailable, StoreUnavailableError } from './availability';
import type { StoreConfig } from '../config';
import { postgresAdapter, sqliteAdapter, type DialectAdapter } from './adapter';
import type { Database } from './database';
import { SqliteBooleansPlugin } from './booleans';
import { BusyRetrySqliteDialect } from './sqlite-busy';

export interface Store {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Called for every SQL statement executed (used to count statements and log slow ones). */
  onQuery?: (event: LogEvent) => void;
  /** An idle pooled connection failed (the server went away); the pool replaces it. */
  onConnectionError?: (err: Error) => void;
}

/** A lost or refused connection, restated as our own error so every layer can tell it apart. */
function unavailable(err: unknown): unknown {
  if (!isUnavailable(err)) return err;
  const reason = (err as { code?: string; message?: string }).code ?? (err as Error).message;
  return new StoreUnavailableError(`database unavailable (${reason})`, { cause: err });
}

/** The pg pool as Kysely sees it, with connection failures translated at the boundary. */
function guarded(pool: Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch((err) => Promise.reject(unavailable(err)));
      return {
        query: ((sql: unknown, parameters: unknown) => {
          const result = (client.query as (...args: unknown[]) => unknown)(sql, parameters);
          return result instanceof Promise ? result.catch((err) => Promise.reject(unavailable(err))) : result;
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

/**
 * Kysely prepares every statement it runs; the same SQL text is prepared once here and
 * reused (SQLite re-prepares by itself after a schema change). Bounded, for safety.
 */
function reusePreparedStatements(sqlite: SqliteDatabase.Database, max = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = prepare(source);
      if (statements.size < max) statements.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/** SQL statements run by this process, for /metrics (the benchmark reads it per request). */
export const statementCount = { value: 0 };

export function openStore(config: StoreConfig, options: StoreOptions = {}): Store {
  const log = (event: LogEvent) => {
    statementCount.value++;
    options.onQuery?.(event);
  };
  // `x in ()` is not SQL: an empty list matches nothing (`not in ()` everything), written as a constant condition.
  const plugins = [new HandleEmptyInListsPlugin({ strategy: replaceWithNoncontingentExpression })];
  let db: Kysely<Database>;
  let adapter: DialectAdapter;
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.filename)), { recursive: true });
    const sqlite = new SqliteDatabase(config.filename);
    // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
    if (config.filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    reusePreparedStatements(sqlite);
    db = new Kysely<Database>({
      dialect: new BusyRetrySqliteDialect(sqlite, config.busyTimeoutMs ?? 5000),
      log,
      plugins: [...plugins, new SqliteBooleansPlugin()],
    });
    adapter = sqliteAdapter;
  } else {
    const pool = new Pool({
      connectionString: config.connectionString,
      max: config.poolSize,
      connectionTimeoutMillis: config.connectTimeoutMs,
      ...(config.statementTimeoutMs ? { statement_timeout: config.statementTimeoutMs } : {}),
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    });
    // Without a listener, an idle client losing its server would crash the process.
    pool.on('error', (err) => options.onConnectionError?.(err));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guarded(pool) }), log, plugins });
    adapter = postgresAdapter;
  }
  return {
    db,
    adapter,
    ping: async () => {
      await db.selectFrom('organizations').select('id').limit(1).execute();
    },
    close: () => db.destroy(),
  };
}
