import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import { search } from './search.service';
import { SearchResultConnection } from './search.type';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description:
      'Full-text search over releases, policy positions, organizations and people, best match first. Words are matched by stem ("licensing" finds "license"); "quoted words" match as a phrase; -word excludes; `or` offers alternatives.',
  })
  search(
    @Arg('query', () => String, { description: 'What to look for, 1 to 200 characters.' }) query: string,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<SearchResultConnection> {
    return search(ctx, query, args);
  }
}
