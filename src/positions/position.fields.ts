import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { PolicyPositionFilter, PolicyPositionOrder } from './position.inputs';
import { positionsOf } from './position.service';
import { PolicyPositionConnection, type PolicyPosition } from './position.type';

/* The fields other types gain from policy positions: an organization's and a person's positions. */

@Resolver(() => Organization)
export class OrganizationPositionsResolver {
  @FieldResolver(() => PolicyPositionConnection, { description: 'Positions taken on the organization’s behalf, by date.' })
  policyPositions(
    @Root() org: Organization,
    @Arg('filter', () => PolicyPositionFilter, { nullable: true, description: 'Narrows the list.' }) filter: PolicyPositionFilter | null,
    @Arg('orderBy', () => PolicyPositionOrder, { nullable: true, description: 'Order; oldest first by default.' })
    orderBy: PolicyPositionOrder | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<PolicyPosition>> {
    return positionsOf(ctx, 'organization_id', org.dbId, filter, orderBy, args);
  }
}

@Resolver(() => Person)
export class PersonPositionsResolver {
  @FieldResolver(() => PolicyPositionConnection, { description: 'Positions this person took, by date.' })
  policyPositions(
    @Root() person: Person,
    @Arg('filter', () => PolicyPositionFilter, { nullable: true, description: 'Narrows the list.' }) filter: PolicyPositionFilter | null,
    @Arg('orderBy', () => PolicyPositionOrder, { nullable: true, description: 'Order; oldest first by default.' })
    orderBy: PolicyPositionOrder | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<PolicyPosition>> {
    return positionsOf(ctx, 'actor_person_id', person.dbId, filter, orderBy, args);
  }
}
