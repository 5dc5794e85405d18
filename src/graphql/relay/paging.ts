import type { KeyValues, PageRequest } from '../../db/paging';
import { isRowId } from '../../db/rows';
import { isIsoDate } from '../../domain/dates';
import { badArgument } from '../errors';
import { echo } from '../echo';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Connection arguments as clients send them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export type { KeyValues, PageRequest } from '../../db/paging';

const CURSOR_PREFIX = 'k1:';

/** Cursors are opaque: base64 of the row's sort key. */
export function encodeCursor(key: KeyValues): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(key), 'utf8').toString('base64');
}

/**
 * What each value of a connection's sort key must look like. A cursor is opaque to
 * clients, but it is still their input: a crafted one holding a string where the key has
 * an integer, an overflowing number or a NUL would reach SQL as it is (a failed statement
 * on PostgreSQL, an odd page on SQLite), so every value is checked against its part.
 */
export type CursorPart =
  /** A calendar date, `YYYY-MM-DD`. */
  | 'date'
  /** A record's slug. */
  | 'slug'
  /** A row id: a positive integer that fits the column (PostgreSQL `integer`). */
  | 'id'
  /** A relevance score: a finite number. */
  | 'score'
  /** One of these values. */
  | readonly string[];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function partValid(part: CursorPart, value: string): boolean {
  if (Array.isArray(part)) return part.includes(value);
  switch (part) {
    case 'date':
      return isIsoDate(value);
    case 'slug':
      return value.length <= 100 && SLUG.test(value);
    case 'id':
      return isRowId(value);
    case 'score':
      return value.length <= 40 && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && Number.isFinite(Number(value));
  }
  return false;
}

function decodeCursor(argument: string, cursor: string, shape: readonly CursorPart[]): KeyValues {
  const fail = () =>
    badArgument(argument, `${echo(cursor)} is not a cursor from this connection; pass an endCursor or startCursor it returned.`);
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) throw fail();
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw fail();
  let key: unknown;
  try {
    key = JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw fail();
  }
  if (!Array.isArray(key) || key.length !== shape.length) throw fail();
  if (!key.every((k, i) => typeof k === 'string' && partValid(shape[i]!, k))) throw fail();
  return key as string[];
}

/** Longer than any cursor this API makes (three key values of at most 100 characters). */
const MAX_CURSOR_LENGTH = 1024;

function size(argument: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badArgument(argument, `must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${value}.`);
  }
  return value;
}

/**
 * Validates connection arguments. `first` defaults to 20; values outside 0..100 are an
 * error, never silently clamped. `first` and `last` together are ambiguous and refused.
 * `shape` says what each value of this connection's sort key is, to check cursors against.
 */
export function pageRequest(
  args: PageArgs,
  shape: readonly CursorPart[],
  options: { backward: boolean } = { backward: false },
): PageRequest {
  const first = size('first', args.first);
  const last = size('last', args.last);
  if (!options.backward && (args.last != null || args.before != null)) {
    throw badArgument(args.last != null ? 'last' : 'before', 'this connection pages forward only; use first and after.');
  }
  if (first !== null && last !== null) throw badArgument('last', 'pass either first or last, not both.');
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    fromEnd: last !== null || (first === null && args.before != null),
    after: args.after == null ? null : decodeCursor('after', args.after, shape),
    before: args.before == null ? null : decodeCursor('before', args.before, shape),
  };
}
