import { execute } from '../api';
import { h } from '../dom';
import { ACCESS_LEVELS, AVAILABILITY, formatCount, formatDate, formatParameters, OPENNESS_COMPONENTS, shortName } from '../format';
import { ReleaseDetailsDocument, type ReleaseDetailsQuery } from '../gql/graphql';
import { facts, section, sourceList, text, yesNo, type Section } from './parts';
import type { DetailsKind } from './panel';

/* A release: its access level, license terms, openness by component, variants and what it was compared with. */

type Release = NonNullable<ReleaseDetailsQuery['release']>;
type Variant = Release['variants'][number];

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

/** Whether it meets the OSI's definition, in words: null is "not assessed", not "no". */
const osaid = (meets: boolean | null) => (meets === null ? 'not assessed' : meets ? 'yes' : 'no');

/**
 * Seven components and how each can be had: a table, so each row reads "Weights: Restricted"
 * in a screen reader; each value has its colour, a symbol and its word, never colour alone.
 */
const openness: Section<Release> = ({ openness: o }) =>
  o
    ? section(
        'Openness by component',
        h(
          'table',
          { class: 'openness' },
          h('caption', { class: 'visually-hidden' }, 'Openness by component'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Component'), h('th', { scope: 'col' }, 'Availability'))),
          h(
            'tbody',
            {},
            OPENNESS_COMPONENTS.map(({ key, label }) => {
              const { label: word, symbol } = AVAILABILITY[o[key]];
              return h(
                'tr',
                { 'data-component': key },
                h('th', { scope: 'row' }, label),
                h(
                  'td',
                  {},
                  h('span', { class: `availability availability-${o[key]}` }, h('span', { 'aria-hidden': 'true' }, symbol), ` ${word}`),
                ),
              );
            }),
          ),
        ),
        h(
          'p',
          { class: `osaid osaid-${osaid(o.meetsOsaid).replace(' ', '-')}` },
          'Meets the OSI Open Source AI Definition: ',
          h('strong', {}, osaid(o.meetsOsaid)),
        ),
        text(o.note, 'openness-note'),
        o.sources.length ? h('p', { class: 'openness-sources-title' }, `Sources for this assessment (${o.sources.length})`) : null,
        o.sources.length ? sourceList(o.sources, 'sources openness-sources') : null,
      )
    : null;

/** A variant's own date and access level, where they differ from the release's: "29 Jan 2024 · API only". */
const ownTerms = (v: Variant): string =>
  [v.date && formatDate(v.date, v.datePrecision), v.accessLevel && ACCESS_LEVELS[v.accessLevel].label].filter(Boolean).join(' · ');

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
                h('th', { scope: 'row' }, v.name, ownTerms(v) ? h('span', { class: 'variant-own muted' }, ` · ${ownTerms(v)}`) : null),
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
  sections: [(r) => text(r.title, 'headline'), (r) => text(r.summary), openness, license, variants, comparedWith],
};
