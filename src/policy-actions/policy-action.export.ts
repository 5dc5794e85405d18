import { phrase } from '../export/export.format';
import { html, para, type ExportPart } from '../export/export.part';
import { jurisdictionOf, milestonesOf, signatoriesOf } from './policy-action.service';
import type { PolicyAction } from './policy-action.type';

/** A policy action in the exports: what it is, where, where it stands and how it treats open weights. */
export const policyActionExport: ExportPart<PolicyAction> = {
  group: 'Policy actions',
  idPrefix: 'action',
  async details(ctx, action, organization) {
    const [signatories, milestones] = await Promise.all([signatoriesOf(ctx, action), milestonesOf(ctx, action)]);
    const jurisdiction = jurisdictionOf(action);
    const paragraphs = [
      para('What', html(`${phrase(action.kind)}${action.officialName ? ` (${action.officialName})` : ''}, ${phrase(action.status)}`)),
      para('Where', html(`${jurisdiction.name}, by ${organization.name}`)),
      para('Open weights', html(`${phrase(action.openWeights)}${action.openWeightsNote ? `: ${action.openWeightsNote}` : ''}`)),
    ];
    if (signatories.length) paragraphs.push(para('Signatories', html(signatories.map((o) => o.name).join(', '))));
    if (milestones.length) paragraphs.push(para('Milestones', html(milestones.map((m) => `${m.date}: ${m.label}`).join('; '))));
    return {
      columns: {
        name: action.officialName ?? '',
        kind: action.kind,
        jurisdiction: jurisdiction.code,
        status: action.status,
        open_weights: action.openWeights,
      },
      paragraphs,
    };
  },
};
