import { execute } from '../api';
import { h } from '../dom';
import { ACCESS_LEVELS, formatCount, formatDate, formatParameters, shortName } from '../format';
import { ReleaseDetailsDocument, type ReleaseDetailsQuery } from '../gql/graphql';
import { facts, section, text, yesNo, type Section } from './parts';
import type { DetailsKind } from './panel';

/* A release: its access level, license terms, variants and what it was compared with. */

type Release = NonNullable<ReleaseDetailsQuery['release']>;

const license: Section<Release> = ({ license: l }) =>
  section(
    'License',
    l
      ? h(
          'div',
          { class: 'license' },
          h(
            'p',
            {},
            l.url ? h('a', { href: l.url, rel: 'noopener noreferrer', target: '_blank' }, l.name) : l.name,
            l.spdxId ? ` (${l.spdxId})` : '',
          ),
          facts([
            ['OSI-approved', yesNo(l.osiApproved)],
            ['Commercial use', yesNo(l.allowsCommercialUse)],
            l.userThreshold ? ['User cap', `${formatCount(l.userThreshold)} monthly active users`] : null,
          ]),
          l.restrictions.length
            ? h(
                'ul',
                { class: 'restrictions' },
                l.restrictions.map((x) => h('li', {}, x)),
              )
            : null,
        )
      : h('p', {}, 'No license: the artifact itself is not released.'),
  );

const variants: Section<Release> = (r) =>
  r.variants.length
    ? section(
        'Variants',
        h(
          'table',
          { class: 'variants' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'Variant'), h('th', { scope: 'col' }, 'Parameters'), h('th', { scope: 'col' }, 'Active')),
          ),
          h(
            'tbody',
            {},
            r.variants.map((v) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, v.name),
                h('td', { class: 'params' }, formatParameters(v.parameterCount)),
                h('td', {}, v.activeParameterCount ? formatParameters(v.activeParameterCount) : '—'),
              ),
            ),
          ),
        ),
      )
    : null;

const comparedWith: Section<Release> = (r) =>
  r.comparedWith.length
    ? section(
        'Compared at launch with',
        h(
          'ul',
          {},
          r.comparedWith.map((c) =>
            h('li', {}, `${c.name} (${shortName(c.organization.name)}, ${ACCESS_LEVELS[c.accessLevel].label.toLowerCase()})`),
          ),
        ),
      )
    : null;

export const releaseDetails: DetailsKind<Release> = {
  noun: 'release',
  load: async (slug) => (await execute(ReleaseDetailsDocument, { slug })).release,
  header: (r) => ({
    title: r.name,
    subtitle: `Release by ${shortName(r.organization.name)} · ${formatDate(r.date, r.datePrecision)}`,
    tag: h(
      'p',
      {},
      h('span', { class: `tag level-${r.accessLevel}` }, ACCESS_LEVELS[r.accessLevel].label),
      h('span', { class: 'muted' }, ` ${ACCESS_LEVELS[r.accessLevel].hint}`),
    ),
  }),
  sections: [(r) => text(r.title, 'headline'), (r) => text(r.summary), license, variants, comparedWith],
};
