import type { PolicyActionRow } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { NO_KIND_FIELDS } from '../live/timeline-events';
import { defineEventKind } from '../timeline/event-kind';
import { policyActionExport } from './policy-action.export';
import type { SeedPolicyAction } from './policy-action.kind';
import { checkJurisdictions, policyActionById, policyActionBySlug, toPolicyAction } from './policy-action.service';

/**
 * Policy actions on the timeline, under their issuing body and their signatories (both
 * match `organizations`): `jurisdictions` and `policyActionKinds` narrow them; release and
 * position fields leave them alone.
 */
export const policyActionTimeline = defineEventKind<PolicyActionRow, SeedPolicyAction>({
  type: 'POLICY_ACTION',
  recordKind: 'policyActions',
  table: (db) => db.selectFrom('policy_actions as a'),
  columns: { date: 'a.date', slug: 'a.slug', organization: 'a.organization_id' },
  otherOrganizations: { table: 'policy_action_signatories as s', event: 's.action_id', id: 'a.id', organization: 's.organization_id' },
  filters: [
    { anyOf: 'jurisdictions', column: 'a.jurisdiction', field: 'jurisdiction' },
    { anyOf: 'policyActionKinds', column: 'a.kind', field: 'policyActionKind' },
  ],
  toEvent: toPolicyAction,
  bySlug: policyActionBySlug,
  byId: policyActionById,
  export: policyActionExport,
  matchFields: (a) => ({
    organization: a.organization,
    date: parseCuratedDate(a.date)!.date,
    ...NO_KIND_FIELDS,
    jurisdiction: a.jurisdiction,
    policyActionKind: a.kind,
    otherOrganizations: a.signatories,
  }),
  checkFilter: (filter, argument) => checkJurisdictions(filter.jurisdictions, `${argument}.jurisdictions`),
});
