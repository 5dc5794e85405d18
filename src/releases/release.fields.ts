import { Arg, Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { License } from '../licenses/license.type';
import { Organization } from '../organizations/organization.type';
import { ReleaseFilter, ReleaseOrder } from './release.inputs';
import type { ReleaseParent } from './release.repository';
import { releasesOf } from './release.service';
import { ReleaseConnection, type Release } from './release.type';

/* The fields other types gain from releases: an organization's and a license's releases. */

/** A `releases` connection on a type whose records releases refer to through `column`. */
function releasesField(parent: ClassType<{ dbId: number }>, column: ReleaseParent, description: string) {
  @Resolver(() => parent)
  class ReleasesField {
    @FieldResolver(() => ReleaseConnection, { description })
    releases(
      @Root() root: { dbId: number },
      @Arg('filter', () => ReleaseFilter, { nullable: true, description: 'Narrows the list.' }) filter: ReleaseFilter | null,
      @Arg('orderBy', () => ReleaseOrder, { nullable: true, description: 'Order; oldest first by default.' }) orderBy: ReleaseOrder | null,
      @Args(() => ForwardPageArgs) args: ForwardPageArgs,
      @Ctx() ctx: Context,
    ): Promise<ConnectionShape<Release>> {
      return releasesOf(ctx, column, root.dbId, filter, orderBy, args);
    }
  }
  return ReleasesField;
}

export const OrganizationReleasesResolver = releasesField(Organization, 'organization_id', 'The organization’s releases, by date.');
export const LicenseReleasesResolver = releasesField(License, 'license_id', 'Releases published under this license, by date.');
