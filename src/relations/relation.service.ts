import type { Context } from '../app/context';
import type { EventRelationRow } from '../db/database';
import { TimelineEventTypes, type TimelineEventType } from '../domain/vocabulary';
import { eventKind } from '../timeline/event-kinds';
import type { TimelineEvent } from '../timeline/timeline-event.type';
import type { RelationSide } from './relation.repository';
import { EventRelation } from './relation.type';

/*
 * An event's relations: the rows through the request's relation loader (both ends of every
 * event whose fields resolve together, as those of one nesting level do, in one statement),
 * the events at their other end through each kind's own loaders (one statement per kind).
 */

const end = (side: RelationSide, event: TimelineEvent) => ({ side, type: event.eventType, id: event.dbId });
const eventById = (ctx: Context, type: TimelineEventType, id: number) => eventKind(type).byId(ctx, id);

function toRelation(row: EventRelationRow, event: TimelineEvent): EventRelation {
  return Object.assign(new EventRelation(), { type: row.relation_type, event, note: row.note });
}

/** The links an event makes, in curated order. */
export async function relationsFrom(ctx: Context, event: TimelineEvent): Promise<EventRelation[]> {
  const rows = await ctx.loaders.relations.byEnd.load(end('source', event));
  const targets = await Promise.all(rows.map((r) => eventById(ctx, r.target_type, r.target_id)));
  return rows.flatMap((r, i) => (targets[i] ? [toRelation(r, targets[i])] : []));
}

const typeRank = (type: TimelineEventType) => TimelineEventTypes.values.indexOf(type);

/** The links other events make to this one, each with the event making it: in timeline order (date, event type, slug), then curated order. */
export async function relationsTo(ctx: Context, event: TimelineEvent): Promise<EventRelation[]> {
  const rows = await ctx.loaders.relations.byEnd.load(end('target', event));
  const sources = await Promise.all(rows.map((r) => eventById(ctx, r.source_type, r.source_id)));
  const found = rows.flatMap((row, i) => (sources[i] ? [{ row, source: sources[i] }] : []));
  found.sort(
    (a, b) =>
      (a.source.date < b.source.date ? -1 : a.source.date > b.source.date ? 1 : 0) ||
      typeRank(a.source.eventType) - typeRank(b.source.eventType) ||
      (a.source.slug < b.source.slug ? -1 : a.source.slug > b.source.slug ? 1 : 0) ||
      a.row.ordinal - b.row.ordinal,
  );
  return found.map(({ row, source }) => toRelation(row, source));
}
