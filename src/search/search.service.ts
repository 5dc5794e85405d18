import type { Context } from '../graphql/context';
import { PageInfo } from '../graphql/relay/connection';
import { encodeCursor, pageRequest, type PageArgs } from '../graphql/relay/paging';
import { toOrganization } from '../organizations/organization.service';
import { toPerson } from '../people/person.service';
import { toPosition } from '../positions/position.service';
import { toRelease } from '../releases/release.service';
import type { SearchRow } from './search.dialect';
import { parseSearchQuery } from './search.query';
import { countSearch, findSearchPage } from './search.repository';
import { SearchResultConnection, SearchResultEdge, type SearchResultValue } from './search.type';

/** Each hit's record, through the request's loaders: one batched lookup per kind. */
async function load(ctx: Context, hit: SearchRow): Promise<SearchResultValue | null> {
  const { loaders, store } = ctx;
  switch (hit.kind) {
    case 'RELEASE': {
      const row = await loaders.releases.bySlug.load(hit.slug);
      return row && toRelease(row, store.adapter);
    }
    case 'POLICY_POSITION': {
      const row = await loaders.positions.bySlug.load(hit.slug);
      return row && toPosition(row);
    }
    case 'ORGANIZATION': {
      const row = await loaders.organizations.bySlug.load(hit.slug);
      return row && toOrganization(row);
    }
    case 'PERSON': {
      const row = await loaders.people.bySlug.load(hit.slug);
      return row && toPerson(row);
    }
    default:
      return null;
  }
}

/** The kinds of record the search index holds (the second value of a search cursor). */
const SEARCH_KINDS = ['ORGANIZATION', 'PERSON', 'RELEASE', 'POLICY_POSITION'] as const;

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
