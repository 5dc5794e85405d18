import type { Context } from '../app/context';
import { MAX_PAGE_SIZE } from '../graphql/relay/paging';
import { organizationById } from '../organizations/organization.service';
import type { Organization } from '../organizations/organization.type';
import { sourcesOf } from '../sources/source.service';
import { relationsFrom } from '../relations/relation.service';
import type { EventRelation } from '../relations/relation.type';
import type { Source } from '../sources/source.type';
import { eventKind } from '../timeline/event-kinds';
import type { TimelineEvent } from '../timeline/timeline-event.type';
import type { TimelineFilter } from '../timeline/timeline.inputs';
import { listTimeline } from '../timeline/timeline.service';
import type { ExportDetails } from './export.part';

/** One timeline event with the related records an export shows, and its kind's own columns and paragraphs. */
export interface ExportEvent extends ExportDetails {
  event: TimelineEvent;
  organization: Organization;
  sources: Source[];
  /** The links the event makes to other events, in curated order. */
  relations: EventRelation[];
  /** The kind's TimelineJS group, e.g. "Releases", and the prefix of its slides' ids, e.g. "release". */
  group: string;
  idPrefix: string;
}

/** An event with its organization, its sources and its kind's own columns and paragraphs. */
async function described(ctx: Context, event: TimelineEvent) {
  const [organization, sources] = await Promise.all([
    organizationById(ctx, event.organizationId),
    sourcesOf(ctx, event.eventType, event.dbId),
  ]);
  const part = eventKind(event.eventType).export;
  return { event, organization, sources, group: part.group, idPrefix: part.idPrefix, ...(await part.details(ctx, event, organization)) };
}

// Links are read alongside the rest, not first: every event's details then load in one batch, linked or not.
async function toExportEvent(ctx: Context, event: TimelineEvent): Promise<ExportEvent> {
  const [rest, relations] = await Promise.all([described(ctx, event), relationsFrom(ctx, event)]);
  return { ...rest, relations };
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
    events.push(...(await Promise.all(page.nodes.map((event) => toExportEvent(ctx, event)))));
    if (!page.pageInfo.hasNextPage) return events;
    after = page.pageInfo.endCursor;
  }
}
