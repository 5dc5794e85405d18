import type { Context } from '../app/context';
import type { PolicyActionRow } from '../db/database';
import { Jurisdictions, type OpenWeightsTreatment, type PolicyActionKind, type PolicyActionStatus } from '../domain/vocabulary';
import { checkDateRange } from '../graphql/date-range';
import { echoList } from '../graphql/echo';
import { badArgument } from '../graphql/errors';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import { organizationIdsForSlugs, toOrganization } from '../organizations/organization.service';
import type { Organization } from '../organizations/organization.type';
import type { PolicyActionFilter } from './policy-action.inputs';
import { countPolicyActions, findPolicyActionsPage, type PolicyActionCriteria } from './policy-action.repository';
import { eventFields } from '../timeline/timeline-event.type';
import { Jurisdiction, Milestone, PolicyAction, PolicyActionConnection } from './policy-action.type';

export function toPolicyAction(row: PolicyActionRow): PolicyAction {
  return Object.assign(new PolicyAction(), {
    ...eventFields('POLICY_ACTION', row),
    jurisdictionCode: row.jurisdiction,
    kind: row.kind as PolicyActionKind,
    status: row.status as PolicyActionStatus,
    officialName: row.official_name,
    openWeights: row.open_weights as OpenWeightsTreatment,
    openWeightsNote: row.open_weights_note,
  });
}

export async function policyActionBySlug(ctx: Context, slug: string): Promise<PolicyAction | null> {
  const row = await ctx.loaders.policyActions.bySlug.load(slug);
  return row && toPolicyAction(row);
}

export async function policyActionById(ctx: Context, id: number): Promise<PolicyAction | null> {
  const row = await ctx.loaders.policyActions.byId.load(id);
  return row && toPolicyAction(row);
}

const isJurisdiction = (code: string) => (Jurisdictions.values as readonly string[]).includes(code);

/** Jurisdiction codes from a filter; an unknown code is named in the error, as an unknown slug is. */
export function checkJurisdictions(codes: readonly string[] | null | undefined, argument: string): void {
  const unknown = [...new Set(codes ?? [])].filter((code) => !isJurisdiction(code));
  if (unknown.length)
    throw badArgument(argument, `unknown jurisdiction code(s): ${echoList(unknown)}; expected ${Jurisdictions.values.join(', ')}.`);
}

export function jurisdictionOf(action: PolicyAction): Jurisdiction {
  const code = action.jurisdictionCode;
  return Object.assign(new Jurisdiction(), {
    code,
    name: isJurisdiction(code) ? Jurisdictions.descriptions[code as keyof typeof Jurisdictions.descriptions] : code,
  });
}

/** Validates a filter and resolves its slugs. */
async function policyActionCriteria(ctx: Context, filter: PolicyActionFilter | null | undefined): Promise<PolicyActionCriteria> {
  checkDateRange(filter, 'filter');
  checkJurisdictions(filter?.jurisdictions, 'filter.jurisdictions');
  return {
    jurisdictions: filter?.jurisdictions ?? null,
    kinds: filter?.kinds ?? null,
    statuses: filter?.statuses ?? null,
    organizationIds: await organizationIdsForSlugs(ctx, filter?.organizations, 'filter.organizations'),
    from: filter?.from ?? null,
    to: filter?.to ?? null,
  };
}

export async function listPolicyActions(
  ctx: Context,
  filter: PolicyActionFilter | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<PolicyAction>> {
  const request = pageRequest(args, ['date', 'slug']);
  const criteria = await policyActionCriteria(ctx, filter);
  const { db } = ctx.store;
  const rows = await findPolicyActionsPage(db, criteria, request);
  return new PolicyActionConnection(
    toPage(
      rows,
      request,
      (r) => [r.date, r.slug],
      toPolicyAction,
      () => countPolicyActions(db, criteria),
    ),
  );
}

export async function signatoriesOf(ctx: Context, action: PolicyAction): Promise<Organization[]> {
  return (await ctx.loaders.policyActions.signatories.load(action.dbId)).map(toOrganization);
}

export async function milestonesOf(ctx: Context, action: PolicyAction): Promise<Milestone[]> {
  const rows = await ctx.loaders.policyActions.milestones.load(action.dbId);
  return rows.map((r) => Object.assign(new Milestone(), { label: r.label, date: r.date, datePrecision: r.date_precision }));
}
