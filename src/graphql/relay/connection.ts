import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodeCursor, type KeyValues, type PageRequest } from './paging';
import { withArticle } from '../article';

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its connection (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when items come before this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page; pass it as `before` to page backward.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` to page forward.' })
  endCursor!: string | null;
}

/** One page of items in display order, before it is shaped as a connection. */
export interface Page<T> {
  items: T[];
  keys: KeyValues[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Runs only when a client asks for totalCount. */
  totalCount: () => Promise<number>;
}

/**
 * Turns rows fetched with `limit + 1` into a page: the extra row only says that more
 * exist. `rows` come in fetch order, which is reversed when paging from the end.
 */
export function toPage<R, T>(
  rows: R[],
  request: PageRequest,
  keyOf: (row: R) => KeyValues,
  map: (row: R) => T,
  totalCount: () => Promise<number>,
): Page<T> {
  const more = rows.length > request.limit;
  const kept = rows.slice(0, request.limit);
  if (request.fromEnd) kept.reverse();
  return {
    items: kept.map(map),
    keys: kept.map(keyOf),
    hasNextPage: request.fromEnd ? request.before !== null : more,
    hasPreviousPage: request.fromEnd ? more : request.after !== null,
    totalCount,
  };
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Generic Relay connection types (after type-graphql's examples/generic-types): one call
 * per node type gives `XEdge` and `XConnection`.
 */
export function Connection<T extends object>(NodeClass: ClassType<T> | (abstract new () => T), name: string, description: string) {
  @ObjectType(`${name}Edge`, {
    simpleResolvers: true,
    description: `An edge in ${withArticle(`${name}Connection`)}: one ${name} and its cursor.`,
  })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this edge, for `after` or `before`.' })
    cursor!: string;

    @Field(() => NodeClass, { description: `The ${name} at this edge.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges: Edge[];

    @Field(() => [NodeClass], { description: 'The items of this page, without cursors.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo: PageInfo;

    private readonly count: () => Promise<number>;

    constructor(page: Page<T>) {
      const cursors = page.keys.map(encodeCursor);
      this.nodes = page.items;
      this.edges = page.items.map((node, i) => Object.assign(new Edge(), { node, cursor: cursors[i] }));
      this.pageInfo = Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: cursors[0] ?? null,
        endCursor: cursors[cursors.length - 1] ?? null,
      });
      this.count = page.totalCount;
    }

    @Field(() => Int, { description: 'How many items the whole connection holds, across all pages, with the same filter.' })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return ConnectionType;
}
