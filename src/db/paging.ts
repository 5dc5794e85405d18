/*
 * What the store needs of a page: how many rows, from which end, between which sort keys.
 * The GraphQL layer builds it from connection arguments and cursors (graphql/relay/paging.ts).
 */

/** A validated page request: bounds are decoded sort keys, `fromEnd` for `last`. */
export interface PageRequest {
  limit: number;
  fromEnd: boolean;
  after: KeyValues | null;
  before: KeyValues | null;
}

/** A row's sort key, most significant value first. */
export type KeyValues = readonly string[];
