import { Arg, Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { PolicyPositionFilter, PolicyPositionOrder } from './position.inputs';
import type { PositionParent } from './position.repository';
import { positionsOf } from './position.service';
import { PolicyPositionConnection, type PolicyPosition } from './position.type';

/* The fields other types gain from policy positions: an organization's and a person's positions. */

/** A `policyPositions` connection on a type whose records positions refer to through `column`. */
function positionsField(parent: ClassType<{ dbId: number }>, column: PositionParent, description: string) {
  @Resolver(() => parent)
  class PositionsField {
    @FieldResolver(() => PolicyPositionConnection, { description })
    policyPositions(
      @Root() root: { dbId: number },
      @Arg('filter', () => PolicyPositionFilter, { nullable: true, description: 'Narrows the list.' }) filter: PolicyPositionFilter | null,
      @Arg('orderBy', () => PolicyPositionOrder, { nullable: true, description: 'Order; oldest first by default.' })
      orderBy: PolicyPositionOrder | null,
      @Args(() => ForwardPageArgs) args: ForwardPageArgs,
      @Ctx() ctx: Context,
    ): Promise<ConnectionShape<PolicyPosition>> {
      return positionsOf(ctx, column, root.dbId, filter, orderBy, args);
    }
  }
  return PositionsField;
}

export const OrganizationPositionsResolver = positionsField(
  Organization,
  'organization_id',
  'Positions taken on the organization’s behalf, by date.',
);
export const PersonPositionsResolver = positionsField(Person, 'actor_person_id', 'Positions this person took, by date.');
