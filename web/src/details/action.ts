import { execute } from '../api';
import { h } from '../dom';
import { ACTION_KINDS, ACTION_STATUSES, formatDate, OPEN_WEIGHTS, shortName } from '../format';
import { ActionDetailsDocument, type ActionDetailsQuery } from '../gql/graphql';
import { actionName, jurisdictionName } from '../items';
import { facts, section, text, type Section } from './parts';
import type { DetailsKind } from './panel';

/* A policy action: what sort of measure, where, by whom, how it treats open weights, its dated steps. */

type Action = NonNullable<ActionDetailsQuery['policyAction']>;

const measure: Section<Action> = (a) =>
  section(
    'The measure',
    facts(
      [
        ['Kind', ACTION_KINDS[a.kind]],
        ['Status', ACTION_STATUSES[a.status]],
        ['Jurisdiction', a.jurisdiction.name],
        a.officialName ? ['Official name', a.officialName] : null,
        ['Issued by', a.organization.name],
        ['Date', h('time', { datetime: a.date }, formatDate(a.date, a.datePrecision))],
      ],
      'facts action-facts',
    ),
  );

const openWeights: Section<Action> = (a) =>
  section(
    'Open weights',
    h('p', {}, h('span', { class: `tag open-weights-${a.openWeights}` }, OPEN_WEIGHTS[a.openWeights])),
    text(a.openWeightsNote, 'open-weights-note'),
  );

const signatories: Section<Action> = (a) =>
  a.signatories.length
    ? section(
        `Signatories (${a.signatories.length})`,
        h(
          'ul',
          { class: 'signatories' },
          a.signatories.map((s) => h('li', {}, shortName(s.name))),
        ),
      )
    : null;

const milestones: Section<Action> = (a) =>
  a.milestones.length
    ? section(
        'Milestones',
        h(
          'ol',
          { class: 'milestones' },
          // The separator is for screen readers, which would otherwise run the date into the label.
          a.milestones.map((m) =>
            h(
              'li',
              {},
              h('time', { datetime: m.date }, formatDate(m.date, m.datePrecision), h('span', { class: 'visually-hidden' }, ': ')),
              h('span', { class: 'milestone-label' }, m.label),
            ),
          ),
        ),
      )
    : null;

export const actionDetails: DetailsKind<Action> = {
  noun: 'policy action',
  load: async (slug) => (await execute(ActionDetailsDocument, { slug })).policyAction,
  header: (a) => ({
    title: actionName(a),
    subtitle: `${ACTION_KINDS[a.kind]} · ${jurisdictionName(a.jurisdiction)} · ${formatDate(a.date, a.datePrecision)}`,
    tag: h('p', {}, h('span', { class: `tag action status-${a.status}` }, ACTION_STATUSES[a.status])),
  }),
  // The official name heads the panel; the headline, when it differs, follows it.
  sections: [
    (a) => (a.officialName ? text(a.title, 'headline') : null),
    (a) => text(a.summary),
    measure,
    openWeights,
    signatories,
    milestones,
  ],
};
