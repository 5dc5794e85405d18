import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { sourcesOf } from '../sources/source.service';
import { Source } from '../sources/source.type';
import { licenseBySlug, listLicenses, restrictionsOf } from './license.service';
import { License, LicenseConnection } from './license.type';

@Resolver(() => License)
export class LicenseResolver {
  @Query(() => License, { nullable: true, description: 'One license by slug; null when there is none.' })
  license(@Arg('slug', () => String, { description: 'The license’s slug.' }) slug: string, @Ctx() ctx: Context): Promise<License | null> {
    return licenseBySlug(ctx, slug);
  }

  @Query(() => LicenseConnection, { description: 'All licenses, ordered by slug.' })
  licenses(@Args(() => ForwardPageArgs) args: ForwardPageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<License>> {
    return listLicenses(ctx, args);
  }

  @FieldResolver(() => [String], { description: 'The main restrictions on use, in short phrases.' })
  restrictions(@Root() license: License, @Ctx() ctx: Context): Promise<string[]> {
    return restrictionsOf(ctx, license);
  }

  @FieldResolver(() => [Source], { description: 'Documents that support the license’s terms as summarized here.' })
  sources(@Root() license: License, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'LICENSE', license.dbId);
  }
}
