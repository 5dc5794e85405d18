import type { Context } from '../graphql/context';
import { MAX_PAGE_SIZE } from '../graphql/relay/paging';
import { licenseById } from '../licenses/license.service';
import type { License } from '../licenses/license.type';
import { organizationById } from '../organizations/organization.service';
import type { Organization } from '../organizations/organization.type';
import type { Person } from '../people/person.type';
import { actorOf } from '../positions/position.service';
import { PolicyPosition } from '../positions/position.type';
import { variantsOf } from '../releases/release.service';
import { Release, type ModelVariant } from '../releases/release.type';
import { sourcesOf } from '../sources/source.service';
import type { Source } from '../sources/source.type';
import type { TimelineEvent } from '../timeline/timeline-event.type';
import type { TimelineFilter } from '../timeline/timeline.inputs';
import { listTimeline } from '../timeline/timeline.service';

/** One timeline event with the related records an export shows. */
export type ExportEvent =
  | { kind: 'RELEASE'; event: Release; organization: Organization; sources: Source[]; license: License | null; variants: ModelVariant[] }
  | { kind: 'POLICY_POSITION'; event: PolicyPosition; organization: Organization; sources: Source[]; actor: Person | Organization };

async function withRelations(ctx: Context, event: TimelineEvent): Promise<ExportEvent> {
  const [organization, sources] = await Promise.all([
    organizationById(ctx, event.organizationId),
    sourcesOf(ctx, event.eventType, event.dbId),
  ]);
  if (event instanceof Release) {
    const [license, variants] = await Promise.all([licenseById(ctx, event.licenseId), variantsOf(ctx, event)]);
    return { kind: 'RELEASE', event, organization, sources, license, variants };
  }
  if (event instanceof PolicyPosition) return { kind: 'POLICY_POSITION', event, organization, sources, actor: await actorOf(ctx, event) };
  throw new Error(`unexpected timeline event ${event.eventType}`);
}

/**
 * Every event matching the filter, oldest first: the timeline query's own pages, walked
 * to the end, with relations loaded through the request's DataLoaders (a fixed number of
 * statements per page).
 */
export async function exportTimeline(ctx: Context, filter: TimelineFilter, pageSize = MAX_PAGE_SIZE): Promise<ExportEvent[]> {
  const events: ExportEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listTimeline(ctx, filter, null, { first: pageSize, after });
    events.push(...(await Promise.all(page.nodes.map((event) => withRelations(ctx, event)))));
    if (!page.pageInfo.hasNextPage) return events;
    after = page.pageInfo.endCursor;
  }
}
