import type { Context } from '../app/context';
import { PageInfo } from '../graphql/relay/connection';
import { encodeCursor, pageRequest, type PageArgs } from '../graphql/relay/paging';
import { kindBySubject } from '../records/registry';
import type { CitationSubject } from '../db/database';
import type { SearchRow } from './search.dialect';
import { parseSearchQuery } from './search.query';
import { countSearch, findSearchPage } from './search.repository';
import { SEARCHED_KINDS, SearchResultConnection, SearchResultEdge, type SearchResultValue } from './search.type';

/** Each hit's record, through the request's loaders: one batched lookup per kind. */
function load(ctx: Context, hit: SearchRow): Promise<SearchResultValue | null> {
  const def = SEARCH_KINDS.includes(hit.kind) ? kindBySubject(hit.kind as CitationSubject) : undefined;
  return def ? def.fetch(ctx, hit.slug) : Promise.resolve(null);
}

/** The kinds of record the search index holds (the second value of a search cursor). */
const SEARCH_KINDS: readonly string[] = SEARCHED_KINDS.map((def) => def.subject);

export async function search(ctx: Context, text: string, args: PageArgs): Promise<SearchResultConnection> {
  const query = parseSearchQuery(text);
  const request = pageRequest(args, ['score', SEARCH_KINDS, 'slug']);
  const { db, adapter } = ctx.store;
  const rows = await findSearchPage(db, adapter, query, request);
  const hits = rows.slice(0, request.limit);
  const nodes = await Promise.all(hits.map((hit) => load(ctx, hit)));
  // A record deleted between the index read and the load is dropped, not returned as null.
  const edges = hits.flatMap((hit, i) =>
    nodes[i]
      ? [
          Object.assign(new SearchResultEdge(), {
            node: nodes[i]!,
            snippet: hit.snippet,
            score: hit.score,
            cursor: encodeCursor([String(hit.score), hit.kind, hit.slug]),
          }),
        ]
      : [],
  );
  return Object.assign(new SearchResultConnection(), {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: rows.length > request.limit,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    }),
    count: () => countSearch(db, adapter, query),
  });
}
