import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { organizationById } from '../organizations/organization.service';
import { Organization } from '../organizations/organization.type';
import { sourcesOf } from '../sources/source.service';
import { Source } from '../sources/source.type';
import { PolicyActionFilter } from './policy-action.inputs';
import { jurisdictionOf, listPolicyActions, milestonesOf, policyActionBySlug, signatoriesOf } from './policy-action.service';
import { Jurisdiction, Milestone, PolicyAction, PolicyActionConnection } from './policy-action.type';

@Resolver(() => PolicyAction)
export class PolicyActionResolver {
  @Query(() => PolicyAction, { nullable: true, description: 'One policy action by slug, e.g. `eu-ai-act`; null when there is none.' })
  policyAction(
    @Arg('slug', () => String, { description: 'The policy action’s slug.' }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<PolicyAction | null> {
    return policyActionBySlug(ctx, slug);
  }

  @Query(() => PolicyActionConnection, { description: 'Policy actions of every jurisdiction, oldest first.' })
  policyActions(
    @Arg('filter', () => PolicyActionFilter, { nullable: true, description: 'Narrows the list.' }) filter: PolicyActionFilter | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<PolicyAction>> {
    return listPolicyActions(ctx, filter, args);
  }

  @FieldResolver(() => Jurisdiction, { description: 'Where it applies.' })
  jurisdiction(@Root() action: PolicyAction): Jurisdiction {
    return jurisdictionOf(action);
  }

  @FieldResolver(() => Organization, {
    description: 'The issuing body: the government, legislature, regulator, court or intergovernmental body.',
  })
  organization(@Root() action: PolicyAction, @Ctx() ctx: Context): Promise<Organization> {
    return organizationById(ctx, action.organizationId);
  }

  @FieldResolver(() => [Organization], {
    description: 'For declarations and voluntary commitments: everyone who signed, in curated order.',
  })
  signatories(@Root() action: PolicyAction, @Ctx() ctx: Context): Promise<Organization[]> {
    return signatoriesOf(ctx, action);
  }

  @FieldResolver(() => [Milestone], { description: 'Later dated steps, e.g. the dates parts of a law start to apply; in curated order.' })
  milestones(@Root() action: PolicyAction, @Ctx() ctx: Context): Promise<Milestone[]> {
    return milestonesOf(ctx, action);
  }

  @FieldResolver(() => [Source], { description: 'The documents that support this action’s facts; at least one.' })
  sources(@Root() action: PolicyAction, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'POLICY_ACTION', action.dbId);
  }
}
