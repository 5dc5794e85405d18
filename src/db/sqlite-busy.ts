import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import { StoreUnavailableError } from './availability';

/*
 * better-sqlite3 is synchronous: its own busy timeout waits for another connection's write
 * lock (a backup, a second process) inside the call, and the whole process stalls with it.
 * Here SQLite's busy timeout is 0 and a locked database is retried asynchronously, with
 * backoff, up to a bounded total; between tries the event loop and the connection are free
 * for other requests. Past the bound the caller gets StoreUnavailableError (a 503).
 *
 * Transactions begin IMMEDIATE, so the write lock is taken (and waited for) at BEGIN, before
 * anything is read or written: a transaction never stops half-way for a lock, and a refused
 * one has written nothing. Statements inside a transaction are not retried.
 */

const BUSY = /^SQLITE_(BUSY|LOCKED)/;
const isBusy = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && BUSY.test((err as { code: string }).code);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class BusyRetryDriver implements Driver {
  #connection?: DatabaseConnection;
  #inner?: DatabaseConnection;

  constructor(
    private readonly driver: Driver,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly boundMs: number,
  ) {}

  init = () => this.driver.init();
  destroy = () => this.driver.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.driver.acquireConnection();
    if (this.#inner !== inner) {
      this.#inner = inner;
      this.#connection = {
        // A statement on its own holds no snapshot, so trying it again is safe.
        executeQuery: <R>(query: CompiledQuery) =>
          this.sqlite.inTransaction ? inner.executeQuery<R>(query) : this.retry(() => inner.executeQuery<R>(query)),
        streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
      };
    }
    return this.#connection!;
  }

  async beginTransaction(_connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await this.retry(() => this.#inner!.executeQuery(CompiledQuery.raw('begin immediate')));
  }

  commitTransaction = (_connection: DatabaseConnection) => this.#inner!.executeQuery(CompiledQuery.raw('commit')).then(() => undefined);
  rollbackTransaction = (_connection: DatabaseConnection) => this.#inner!.executeQuery(CompiledQuery.raw('rollback')).then(() => undefined);
  releaseConnection = (_connection: DatabaseConnection) => this.driver.releaseConnection(this.#inner!);

  /** Tries `run` until SQLite stops answering "busy" or the bound is spent, giving the connection back between tries. */
  private async retry<R>(run: () => Promise<QueryResult<R>>): Promise<QueryResult<R>> {
    const started = Date.now();
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      try {
        return await run();
      } catch (err) {
        if (!isBusy(err)) throw err;
        const waited = Date.now() - started;
        if (waited + delay > this.boundMs) {
          throw new StoreUnavailableError(
            `database unavailable (locked by another connection for ${waited} ms; SQLITE_BUSY_TIMEOUT_MS=${this.boundMs})`,
            { cause: err },
          );
        }
        // Others queued for the one connection run meanwhile; we get it back before retrying.
        await this.driver.releaseConnection(this.#inner!);
        await sleep(delay);
        await this.driver.acquireConnection();
      }
    }
  }
}

/** Kysely's SQLite dialect with the non-blocking wait for locks described above. */
export class BusyRetrySqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly boundMs: number,
  ) {
    super({ database: sqlite });
    sqlite.pragma('busy_timeout = 0');
  }

  override createDriver(): Driver {
    return new BusyRetryDriver(super.createDriver(), this.sqlite, this.boundMs);
  }
}
