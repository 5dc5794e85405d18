import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { changeByKey } from '../curation/history.service';
import { KINDS } from '../records/registry';
import { sourceByKey } from '../sources/source.service';
import type { Context } from './context';
import { badArgument } from '../graphql/errors';
import { fromGlobalId } from '../graphql/relay/global-id';
import { Node } from '../graphql/relay/node.type';

/** Every type that implements Node, and how to fetch one by the key inside its global id. */
const fetchers: Record<string, (ctx: Context, key: string) => Promise<Node | null>> = {
  ...Object.fromEntries(KINDS.map((def) => [def.typeName, def.fetch])),
  Source: sourceByKey,
  Change: changeByKey,
};

const MAX_IDS = 100;

/** How to fetch the object behind a global id; undefined when the id is not one of this API's. */
function fetcherOf(id: string): ((ctx: Context) => Promise<Node | null>) | undefined {
  const parsed = fromGlobalId(id);
  // Own properties only: a crafted type such as "constructor" must not reach Object.prototype.
  const fetch = parsed && Object.hasOwn(fetchers, parsed.type) ? fetchers[parsed.type] : undefined;
  return parsed && fetch ? (ctx) => fetch(ctx, parsed.key) : undefined;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it no longer exists.' })
  node(@Arg('id', () => ID, { description: 'A global id from an `id` field.' }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const fetch = fetcherOf(id);
    if (!fetch)
      throw badArgument('id', `${JSON.stringify(id.slice(0, 80))} is not a global id of this API; use an \`id\` field it returned.`);
    return fetch(ctx);
  }

  // One bad id must not cost the caller the others (a client's cache may hold ids of records since deleted, or of another API).
  @Query(() => [Node], {
    nullable: 'items',
    description:
      'Several objects by global id, in the order given; null in place of each id that is unknown, no longer exists, is not visible to you, or is not an id of this API. At most 100 ids.',
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'Global ids from `id` fields.' }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Array<Node | null>> {
    if (ids.length > MAX_IDS) throw badArgument('ids', `at most ${MAX_IDS} ids per request, got ${ids.length}.`);
    return Promise.all(ids.map((id) => fetcherOf(id)?.(ctx) ?? null));
  }
}
