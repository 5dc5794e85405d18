import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { licenseBySlug } from '../licenses/license.service';
import { organizationBySlug } from '../organizations/organization.service';
import { personBySlug } from '../people/person.service';
import { positionBySlug } from '../positions/position.service';
import { releaseBySlug } from '../releases/release.service';
import { sourceByKey } from '../sources/source.service';
import type { Context } from './context';
import { badArgument } from './errors';
import { fromGlobalId } from './relay/global-id';
import { Node } from './relay/node.type';

/** Every type that implements Node, and how to fetch one by the key inside its global id. */
const fetchers: Record<string, (ctx: Context, key: string) => Promise<Node | null>> = {
  Organization: organizationBySlug,
  Person: personBySlug,
  License: licenseBySlug,
  Release: releaseBySlug,
  PolicyPosition: positionBySlug,
  Source: sourceByKey,
};

const MAX_IDS = 100;

function fetchNode(ctx: Context, id: string, argument: string): Promise<Node | null> {
  const parsed = fromGlobalId(id);
  // Own properties only: a crafted type such as "constructor" must not reach Object.prototype.
  const fetch = parsed && Object.hasOwn(fetchers, parsed.type) ? fetchers[parsed.type] : undefined;
  if (!parsed || !fetch) throw badArgument(argument, `${JSON.stringify(id.slice(0, 80))} is not a global id of this API; use an \`id\` field it returned.`);
  return fetch(ctx, parsed.key);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it no longer exists.' })
  node(@Arg('id', () => ID, { description: 'A global id from an `id` field.' }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return fetchNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by global id, in the order given; null for each that no longer exists. At most 100 ids.' })
  nodes(@Arg('ids', () => [ID], { description: 'Global ids from `id` fields.' }) ids: string[], @Ctx() ctx: Context): Promise<Array<Node | null>> {
    if (ids.length > MAX_IDS) throw badArgument('ids', `at most ${MAX_IDS} ids per request, got ${ids.length}.`);
    return Promise.all(ids.map((id, i) => fetchNode(ctx, id, `ids[${i}]`)));
  }
}
