import { badArgument } from '../graphql/errors';

/*
 * A user's search text, parsed once with web-search rules (as PostgreSQL's
 * websearch_to_tsquery reads it): words are ANDed, "quoted text" is a phrase, -word
 * excludes, `or` between terms is an alternative. Both stores get the same parse.
 */

export const MAX_QUERY_LENGTH = 200;

// PostgreSQL's English configuration drops these; SQLite drops them too, so both stores agree.
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have he her his i if in into is it its of on or our she so such that the their then there these they this to was we were what when which who will with you your'.split(
    ' ',
  ),
);

export type Term = { kind: 'word'; text: string } | { kind: 'phrase'; words: string[] };
export interface Clause {
  /** Alternatives: any of them matches. */
  any: Term[];
  negated: boolean;
}
export interface ParsedQuery {
  text: string;
  clauses: Clause[];
}

const wordsOf = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));

export function parseSearchQuery(raw: string): ParsedQuery {
  const text = raw.trim();
  if (text.length === 0) throw badArgument('query', 'must not be empty.');
  if (text.length > MAX_QUERY_LENGTH) throw badArgument('query', `must be at most ${MAX_QUERY_LENGTH} characters, got ${text.length}.`);
  const clauses: Clause[] = [];
  let pendingOr = false;
  for (const match of text.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const negated = match[1] === '-' || (match[3]?.startsWith('-') ?? false);
    const body = match[2] ?? match[3].replace(/^-/, '');
    if (match[3] !== undefined && body.toLowerCase() === 'or') {
      pendingOr = clauses.length > 0;
      continue;
    }
    const words = wordsOf(body);
    if (words.length === 0) continue;
    const terms: Term[] =
      match[2] !== undefined && words.length > 1 ? [{ kind: 'phrase', words }] : words.map((w) => ({ kind: 'word' as const, text: w }));
    const last = clauses[clauses.length - 1];
    if (pendingOr && last && !last.negated && !negated && terms.length === 1) last.any.push(terms[0]);
    else for (const term of terms) clauses.push({ any: [term], negated });
    pendingOr = false;
  }
  if (!clauses.some((c) => !c.negated)) {
    throw badArgument('query', 'has no searchable words (common words such as "the" are ignored, and a query cannot only exclude).');
  }
  return { text, clauses };
}

/** The query in SQLite FTS5 syntax; every word is quoted, so no user text is syntax. */
export function toFts5(query: ParsedQuery): string {
  const term = (t: Term) => `"${(t.kind === 'word' ? t.text : t.words.join(' ')).replace(/"/g, '""')}"`;
  const clause = (c: Clause) => (c.any.length === 1 ? term(c.any[0]) : `(${c.any.map(term).join(' OR ')})`);
  const positive = query.clauses
    .filter((c) => !c.negated)
    .map(clause)
    .join(' AND ');
  const negative = query.clauses.filter((c) => c.negated).map(clause);
  return negative.length ? `(${positive}) NOT (${negative.join(' OR ')})` : positive;
}
