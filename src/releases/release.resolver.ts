import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Modality } from '../domain/vocabulary';
import type { Context } from '../app/context';
import { ModalityEnum } from '../graphql/enums';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { licenseById } from '../licenses/license.service';
import { License } from '../licenses/license.type';
import { organizationById } from '../organizations/organization.service';
import { Organization } from '../organizations/organization.type';
import { sourcesOf } from '../sources/source.service';
import { Source } from '../sources/source.type';
import { ReleaseFilter, ReleaseOrder } from './release.inputs';
import { comparedWithOf, listReleases, modalitiesOf, releaseById, releaseBySlug, variantsOf } from './release.service';
import { OPENNESS_LIST } from './release.openness';
import { ModelVariant, Openness, Release, ReleaseConnection } from './release.type';

@Resolver(() => Release)
export class ReleaseResolver {
  @Query(() => Release, { nullable: true, description: 'One release by slug, e.g. `llama-3-1`; null when there is none.' })
  release(@Arg('slug', () => String, { description: 'The release’s slug.' }) slug: string, @Ctx() ctx: Context): Promise<Release | null> {
    return releaseBySlug(ctx, slug);
  }

  @Query(() => ReleaseConnection, { description: 'Releases of every organization, by date.' })
  releases(
    @Arg('filter', () => ReleaseFilter, { nullable: true, description: 'Narrows the list.' }) filter: ReleaseFilter | null,
    @Arg('orderBy', () => ReleaseOrder, { nullable: true, description: 'Order; oldest first by default.' }) orderBy: ReleaseOrder | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Release>> {
    return listReleases(ctx, filter, orderBy, args);
  }

  @FieldResolver(() => Organization, { description: 'The organization that released it.' })
  organization(@Root() release: Release, @Ctx() ctx: Context): Promise<Organization> {
    return organizationById(ctx, release.organizationId);
  }

  @FieldResolver(() => License, { nullable: true, description: 'The license it was released under; null for API-only or closed releases.' })
  license(@Root() release: Release, @Ctx() ctx: Context): Promise<License | null> {
    return licenseById(ctx, release.licenseId);
  }

  @FieldResolver(() => [ModelVariant], { description: 'Sizes or variants, e.g. 8B, 70B and 405B; empty for software.' })
  variants(@Root() release: Release, @Ctx() ctx: Context): Promise<ModelVariant[]> {
    return variantsOf(ctx, release);
  }

  @FieldResolver(() => [ModalityEnum], { description: 'Kinds of data the model handles.' })
  modalities(@Root() release: Release, @Ctx() ctx: Context): Promise<Modality[]> {
    return modalitiesOf(ctx, release);
  }

  @FieldResolver(() => Release, { nullable: true, description: 'The previous release in the same line, e.g. Llama 3 for Llama 3.1.' })
  predecessor(@Root() release: Release, @Ctx() ctx: Context): Promise<Release | null> {
    return releaseById(ctx, release.predecessorId);
  }

  @FieldResolver(() => [Release], { description: 'Competitors the organization compared it with at launch.' })
  comparedWith(@Root() release: Release, @Ctx() ctx: Context): Promise<Release[]> {
    return comparedWithOf(ctx, release);
  }

  @FieldResolver(() => [Source], { description: 'The documents that support this release’s facts; at least one.' })
  sources(@Root() release: Release, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'RELEASE', release.dbId);
  }
}

@Resolver(() => Openness)
export class OpennessResolver {
  @FieldResolver(() => [Source], { description: 'The documents the assessment rests on (license, model card, repository).' })
  sources(@Root() openness: Openness, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'RELEASE', openness.releaseId, OPENNESS_LIST);
  }
}
