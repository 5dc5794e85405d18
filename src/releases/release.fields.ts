import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { License } from '../licenses/license.type';
import { Organization } from '../organizations/organization.type';
import { ReleaseFilter, ReleaseOrder } from './release.inputs';
import { releasesOf } from './release.service';
import { ReleaseConnection, type Release } from './release.type';

/* The fields other types gain from releases: an organization's and a license's releases. */

@Resolver(() => Organization)
export class OrganizationReleasesResolver {
  @FieldResolver(() => ReleaseConnection, { description: 'The organization’s releases, by date.' })
  releases(
    @Root() org: Organization,
    @Arg('filter', () => ReleaseFilter, { nullable: true, description: 'Narrows the list.' }) filter: ReleaseFilter | null,
    @Arg('orderBy', () => ReleaseOrder, { nullable: true, description: 'Order; oldest first by default.' }) orderBy: ReleaseOrder | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Release>> {
    return releasesOf(ctx, 'organization_id', org.dbId, filter, orderBy, args);
  }
}

@Resolver(() => License)
export class LicenseReleasesResolver {
  @FieldResolver(() => ReleaseConnection, { description: 'Releases published under this license, by date.' })
  releases(
    @Root() license: License,
    @Arg('filter', () => ReleaseFilter, { nullable: true, description: 'Narrows the list.' }) filter: ReleaseFilter | null,
    @Arg('orderBy', () => ReleaseOrder, { nullable: true, description: 'Order; oldest first by default.' }) orderBy: ReleaseOrder | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Release>> {
    return releasesOf(ctx, 'license_id', license.dbId, filter, orderBy, args);
  }
}
