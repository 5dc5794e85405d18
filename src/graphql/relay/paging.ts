import { badArgument } from '../errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Connection arguments as clients send them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A validated page request: bounds are decoded sort keys, `fromEnd` for `last`. */
export interface PageRequest {
  limit: number;
  fromEnd: boolean;
  after: KeyValues | null;
  before: KeyValues | null;
}
export type KeyValues = readonly string[];

const CURSOR_PREFIX = 'k1:';

/** Cursors are opaque: base64 of the row's sort key. */
export function encodeCursor(key: KeyValues): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(key), 'utf8').toString('base64');
}

function decodeCursor(argument: string, cursor: string, arity: number): KeyValues {
  const fail = () => badArgument(argument, `${JSON.stringify(cursor.slice(0, 80))} is not a cursor from this connection; pass an endCursor or startCursor it returned.`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) throw fail();
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw fail();
  let key: unknown;
  try {
    key = JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw fail();
  }
  if (!Array.isArray(key) || key.length !== arity || !key.every((k) => typeof k === 'string')) throw fail();
  return key as string[];
}

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
 * `arity` is the number of values in this connection's sort key.
 */
export function pageRequest(args: PageArgs, arity: number, options: { backward: boolean } = { backward: false }): PageRequest {
  const first = size('first', args.first);
  const last = size('last', args.last);
  if (!options.backward && (args.last != null || args.before != null)) {
    throw badArgument(args.last != null ? 'last' : 'before', 'this connection pages forward only; use first and after.');
  }
  if (first !== null && last !== null) throw badArgument('last', 'pass either first or last, not both.');
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    fromEnd: last !== null || (first === null && args.before != null),
    after: args.after == null ? null : decodeCursor('after', args.after, arity),
    before: args.before == null ? null : decodeCursor('before', args.before, arity),
  };
}
