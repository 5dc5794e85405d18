/*
 * Telling "the database is unreachable" (retry later: 503) from every other failure
 * (a bug: 500). Codes are Node's socket errors, PostgreSQL's connection classes and
 * SQLite's "locked by another connection".
 */

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
// 08xxx: connection exceptions; 57P01-57P03: the server is shutting down or starting up.
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
// SQLite: another connection holds the lock (a backup, a second process).
const SQLITE_LOCK = /^SQLITE_(BUSY|LOCKED)/;
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (?:is )?closed/i,
  /client has encountered a connection error/i,
];

export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code) || SQLITE_LOCK.test(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string))) return true;
    if (Array.isArray(e.errors) && e.errors.some(isUnavailable)) return true; // AggregateError (dual-stack connect)
    e = e.cause as typeof e;
  }
  return false;
}

export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
