import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs, PageArgsBothWays } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { PersonConnection, type Person } from '../people/person.type';
import { sourcesOf } from '../sources/source.service';
import { Source } from '../sources/source.type';
import { TimelineEventConnection, type TimelineEvent } from '../timeline/timeline-event.type';
import { TimelineFilter, TimelineOrder } from '../timeline/timeline.inputs';
import { organizationTimeline } from '../timeline/timeline.service';
import { listOrganizations, organizationBySlug, organizationMembers } from './organization.service';
import { Organization, OrganizationConnection } from './organization.type';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organization by slug, e.g. `meta`; null when there is none.' })
  organization(
    @Arg('slug', () => String, { description: 'The organization’s slug.' }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<Organization | null> {
    return organizationBySlug(ctx, slug);
  }

  @Query(() => OrganizationConnection, { description: 'All organizations, ordered by slug.' })
  organizations(@Args(() => ForwardPageArgs) args: ForwardPageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Organization>> {
    return listOrganizations(ctx, args);
  }

  @FieldResolver(() => PersonConnection, { description: 'People who hold or held a role at the organization, ordered by slug.' })
  people(
    @Root() org: Organization,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Person>> {
    return organizationMembers(ctx, org, args);
  }

  @FieldResolver(() => TimelineEventConnection, { description: 'The organization’s releases and positions in one date order.' })
  timeline(
    @Root() org: Organization,
    @Arg('filter', () => TimelineFilter, { nullable: true, description: 'Narrows the timeline.' }) filter: TimelineFilter | null,
    @Arg('orderBy', () => TimelineOrder, { nullable: true, description: 'Order; oldest first by default.' }) orderBy: TimelineOrder | null,
    @Args(() => PageArgsBothWays) args: PageArgsBothWays,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<TimelineEvent>> {
    return organizationTimeline(ctx, org.dbId, filter, orderBy, args);
  }

  @FieldResolver(() => [Source], { description: 'Documents that support this record’s description.' })
  sources(@Root() org: Organization, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'ORGANIZATION', org.dbId);
  }
}
