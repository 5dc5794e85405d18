import type { PolicyPositionRow } from '../db/database';
import type { Context } from '../app/context';
import { checkDateRange } from '../graphql/date-range';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import { organizationById, organizationIdsForSlugs } from '../organizations/organization.service';
import type { Organization } from '../organizations/organization.type';
import { personById, personIdsForSlugs } from '../people/person.service';
import type { Person } from '../people/person.type';
import type { PolicyPositionFilter, PolicyPositionOrder } from './position.inputs';
import { countPositions, findPositionsPage, positionKey, type PositionCriteria, type PositionParent } from './position.repository';
import { eventFields } from '../timeline/timeline-event.type';
import { PolicyPosition, PolicyPositionConnection } from './position.type';

export function toPosition(row: PolicyPositionRow): PolicyPosition {
  return Object.assign(new PolicyPosition(), {
    ...eventFields('POLICY_POSITION', row),
    actorPersonId: row.actor_person_id,
    actorOrganizationId: row.actor_organization_id,
    topic: row.topic,
    stance: row.stance,
    quote: row.quote,
  });
}

export async function positionBySlug(ctx: Context, slug: string): Promise<PolicyPosition | null> {
  const row = await ctx.loaders.positions.bySlug.load(slug);
  return row && toPosition(row);
}

export async function positionById(ctx: Context, id: number): Promise<PolicyPosition | null> {
  const row = await ctx.loaders.positions.byId.load(id);
  return row && toPosition(row);
}

export async function positionCriteria(
  ctx: Context,
  filter: PolicyPositionFilter | null | undefined,
  argument = 'filter',
): Promise<PositionCriteria> {
  checkDateRange(filter, argument);
  const [organizationIds, personIds] = await Promise.all([
    organizationIdsForSlugs(ctx, filter?.organizations, `${argument}.organizations`),
    personIdsForSlugs(ctx, filter?.people, `${argument}.people`),
  ]);
  return {
    organizationIds,
    personIds,
    topics: filter?.topics ?? null,
    stances: filter?.stances ?? null,
    from: filter?.from ?? null,
    to: filter?.to ?? null,
  };
}

export async function listPositions(
  ctx: Context,
  filter: PolicyPositionFilter | null | undefined,
  order: PolicyPositionOrder | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<PolicyPosition>> {
  const request = pageRequest(args, ['date', 'slug']);
  const criteria = await positionCriteria(ctx, filter);
  const { db } = ctx.store;
  const rows = await findPositionsPage(db, criteria, positionKey(order?.direction === 'DESC'), request);
  return new PolicyPositionConnection(
    toPage(
      rows,
      request,
      (r) => [r.date, r.slug],
      toPosition,
      () => countPositions(db, criteria),
    ),
  );
}

/** An organization's or a person's positions: one statement for all parents in the request. */
export async function positionsOf(
  ctx: Context,
  parent: PositionParent,
  parentId: number,
  filter: PolicyPositionFilter | null | undefined,
  order: PolicyPositionOrder | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<PolicyPosition>> {
  const request = pageRequest(args, ['date', 'slug']);
  const criteria = await positionCriteria(ctx, filter);
  const descending = order?.direction === 'DESC';
  const rows = await ctx.loaders.positions.pages.load({ parentId, params: { parent, criteria, descending, request } });
  const count = () => ctx.loaders.positions.counts.load({ parentId, params: { parent, criteria } });
  return new PolicyPositionConnection(toPage(rows, request, (r) => [r.date, r.slug], toPosition, count));
}

export async function argumentsOf(ctx: Context, position: PolicyPosition): Promise<string[]> {
  return (await ctx.loaders.positions.arguments.load(position.dbId)).map((r) => r.text);
}

export function actorOf(ctx: Context, position: PolicyPosition): Promise<Person | Organization> {
  return position.actorPersonId !== null ? personById(ctx, position.actorPersonId) : organizationById(ctx, position.actorOrganizationId!);
}
