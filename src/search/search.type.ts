import { createUnionType, Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../graphql/relay/connection';
import type { Node } from '../graphql/relay/node.type';
import { KINDS } from '../records/registry';

/** Every kind with search text. */
export const SEARCHED_KINDS = KINDS.filter((def) => def.search);

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Anything search can find.',
  types: () => SEARCHED_KINDS.map((def) => def.type()) as unknown as readonly [new () => object],
});
export type SearchResultValue = Node;

@ObjectType({ description: 'One search hit: the record, why it matched, and how well.' })
export class SearchResultEdge {
  @Field(() => String, { description: 'Opaque cursor of this hit, for `after`.' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'The record found.' })
  node!: SearchResultValue;

  @Field(() => String, {
    description:
      'A short passage of the record with the matching words wrapped in `<mark>` and `</mark>`. Plain text otherwise: escape it before inserting it into HTML.',
  })
  snippet!: string;

  @Field(() => Float, {
    description: 'Relevance; higher is better. Comparable within one result list only, and computed differently by each store.',
  })
  score!: number;
}

@ObjectType({ description: 'Search hits, best first.' })
export class SearchResultConnection {
  @Field(() => [SearchResultEdge], { description: 'The hits of this page, with snippets and cursors.' })
  edges!: SearchResultEdge[];

  @Field(() => [SearchResult], { description: 'The records of this page, without snippets.' })
  nodes!: SearchResultValue[];

  @Field(() => PageInfo, { description: 'Cursors and whether more hits follow.' })
  pageInfo!: PageInfo;

  count!: () => Promise<number>;

  @Field(() => Int, { description: 'How many records match in all.' })
  totalCount(): Promise<number> {
    return this.count();
  }
}
