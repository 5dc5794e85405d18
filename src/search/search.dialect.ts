import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type { Database } from '../db/database';
import { toFts5, type Clause, type ParsedQuery, type Term } from './search.query';

/*
 * Full-text search is where the two stores differ most: SQLite FTS5 (porter stemming,
 * bm25) and PostgreSQL tsvector (English stemming, ts_rank_cd). Both are hidden here;
 * each gives the same columns: kind, slug, score (higher is better), snippet.
 */

export interface SearchDialect {
  createIndex(db: Kysely<any>): Promise<void>;
  /** Matching documents with score and highlighted snippet, as a parenthesized subquery. */
  ranked(db: Kysely<Database>, query: ParsedQuery): RawBuilder<SearchRow>;
}

export interface SearchRow {
  kind: string;
  slug: string;
  score: number;
  snippet: string;
}

const MARK = { start: '<mark>', end: '</mark>' };

const sqlite: SearchDialect = {
  async createIndex(db) {
    await sql`create virtual table search_documents using fts5(kind unindexed, slug unindexed, title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
      db,
    );
  },
  ranked(_db, query) {
    // bm25 is lower-is-better; negated so both stores sort by score descending. Title hits weigh more.
    return sql<SearchRow>`(select kind, slug, -bm25(search_documents, 0, 0, 4.0, 1.0) as score,
      snippet(search_documents, -1, ${MARK.start}, ${MARK.end}, '…', 16) as snippet
      from search_documents where search_documents match ${toFts5(query)})`;
  },
};

function tsTerm(t: Term): RawBuilder<unknown> {
  return t.kind === 'word' ? sql`plainto_tsquery('english', ${t.text})` : sql`phraseto_tsquery('english', ${t.words.join(' ')})`;
}
function tsClause(c: Clause): RawBuilder<unknown> {
  return c.any.length === 1 ? tsTerm(c.any[0]) : sql`(${sql.join(c.any.map(tsTerm), sql` || `)})`;
}
/** The parsed query as a tsquery built from the same structure the SQLite side uses. */
function toTsQuery(query: ParsedQuery): RawBuilder<unknown> {
  const positive = query.clauses.filter((c) => !c.negated).map(tsClause);
  const negative = query.clauses.filter((c) => c.negated).map((c) => sql`!! ${tsClause(c)}`);
  return sql`(${sql.join([...positive, ...negative], sql` && `)})`;
}

const postgres: SearchDialect = {
  async createIndex(db) {
    await sql`create table search_documents (
      kind text not null,
      slug text collate "C" not null,
      title text not null,
      body text not null,
      document tsvector generated always as (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) stored,
      primary key (kind, slug)
    )`.execute(db);
    await sql`create index search_documents_document_idx on search_documents using gin (document)`.execute(db);
  },
  ranked(_db, query) {
    // float8 so the score survives a round trip through a cursor exactly.
    return sql<SearchRow>`(select kind, slug, ts_rank_cd(document, q, 1)::float8 as score,
      ts_headline('english', title || ' — ' || body, q, ${`StartSel=${MARK.start}, StopSel=${MARK.end}, MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=…`}) as snippet
      from search_documents, (select ${toTsQuery(query)} as q) as parsed where document @@ q)`;
  },
};

export const searchDialect = (adapter: DialectAdapter): SearchDialect => (adapter.name === 'sqlite' ? sqlite : postgres);
