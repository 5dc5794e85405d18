import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { organizationById } from '../organizations/organization.service';
import { Organization } from '../organizations/organization.type';
import type { Person } from '../people/person.type';
import { sourcesOf } from '../sources/source.service';
import { Source } from '../sources/source.type';
import { PolicyPositionFilter, PolicyPositionOrder } from './position.inputs';
import { actorOf, argumentsOf, listPositions, positionBySlug } from './position.service';
import { Actor, PolicyPosition, PolicyPositionConnection } from './position.type';

@Resolver(() => PolicyPosition)
export class PositionResolver {
  @Query(() => PolicyPosition, { nullable: true, description: 'One policy position by slug; null when there is none.' })
  policyPosition(
    @Arg('slug', () => String, { description: 'The position’s slug.' }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<PolicyPosition | null> {
    return positionBySlug(ctx, slug);
  }

  @Query(() => PolicyPositionConnection, { description: 'Policy positions of every person and organization, by date.' })
  policyPositions(
    @Arg('filter', () => PolicyPositionFilter, { nullable: true, description: 'Narrows the list.' }) filter: PolicyPositionFilter | null,
    @Arg('orderBy', () => PolicyPositionOrder, { nullable: true, description: 'Order; oldest first by default.' })
    orderBy: PolicyPositionOrder | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<PolicyPosition>> {
    return listPositions(ctx, filter, orderBy, args);
  }

  @FieldResolver(() => Actor, { description: 'Who said it: a person, or an organization speaking as itself.' })
  actor(@Root() position: PolicyPosition, @Ctx() ctx: Context): Promise<Person | Organization> {
    return actorOf(ctx, position);
  }

  @FieldResolver(() => Organization, { description: 'The organization the actor spoke for.' })
  organization(@Root() position: PolicyPosition, @Ctx() ctx: Context): Promise<Organization> {
    return organizationById(ctx, position.organizationId);
  }

  @FieldResolver(() => [String], { description: 'The arguments made, in short phrases, e.g. `democratization`, `misuse risk`.' })
  arguments(@Root() position: PolicyPosition, @Ctx() ctx: Context): Promise<string[]> {
    return argumentsOf(ctx, position);
  }

  @FieldResolver(() => [Source], { description: 'The documents that support this position and its quote; at least one.' })
  sources(@Root() position: PolicyPosition, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'POLICY_POSITION', position.dbId);
  }
}
