import { execute } from '../api';
import { h } from '../dom';
import { formatDate, shortName, STANCES, TOPICS } from '../format';
import { PositionDetailsDocument, type PositionDetailsQuery } from '../gql/graphql';
import { section, text } from './parts';
import type { DetailsKind } from './panel';

/* A policy position: who, the stance, the quote and the arguments. */

type Position = NonNullable<PositionDetailsQuery['policyPosition']>;

export const positionDetails: DetailsKind<Position> = {
  noun: 'policy position',
  load: async (slug) => (await execute(PositionDetailsDocument, { slug })).policyPosition,
  header: (p) => ({
    title: p.title,
    subtitle: `${p.actor.__typename === 'Person' ? `${p.actor.name}, for ${shortName(p.organization.name)}` : shortName(p.actor.name)} · ${formatDate(p.date, p.datePrecision)}`,
    tag: h('p', {}, h('span', { class: `tag stance-${p.stance}` }, `${STANCES[p.stance]} ${TOPICS[p.topic]}`)),
  }),
  sections: [
    (p) => (p.quote ? h('blockquote', {}, `“${p.quote}”`, h('footer', {}, `— ${p.actor.name}`)) : null),
    (p) => text(p.summary),
    (p) =>
      p.arguments.length
        ? section(
            'Arguments',
            h(
              'ul',
              {},
              p.arguments.map((a) => h('li', {}, a)),
            ),
          )
        : null,
  ],
};
