import { h } from './dom';
import { ACCESS_LEVELS, formatCount, formatDate, formatParameters, shortName, STANCES, TOPICS } from './format';
import type { PositionDetailsQuery, ReleaseDetailsQuery, SourceLinkFragment } from './gql/graphql';

/* The details panel: the whole record, its license terms or quote, and every source. */

type ReleaseDetails = NonNullable<ReleaseDetailsQuery['release']>;
type PositionDetails = NonNullable<PositionDetailsQuery['policyPosition']>;

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
const section = (title: string, ...body: Array<Node | string | null | false>) =>
  h('section', { class: 'detail-section' }, h('h3', {}, title), ...body);
const facts = (rows: Array<[string, Node | string]>) =>
  h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]).flat());

function sources(list: SourceLinkFragment[]): HTMLElement {
  return section(
    `Sources (${list.length})`,
    h(
      'ul',
      { class: 'sources' },
      list.map((s) =>
        h(
          'li',
          {},
          h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title),
          s.publisher || s.publishedOn
            ? h(
                'span',
                { class: 'muted' },
                ` — ${[s.publisher, s.publishedOn && formatDate(s.publishedOn, s.publishedOnPrecision)].filter(Boolean).join(', ')}`,
              )
            : null,
        ),
      ),
    ),
  );
}

function header(title: string, subtitle: string, tag: HTMLElement, onClose: () => void): HTMLElement {
  return h(
    'header',
    { class: 'details-header' },
    h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: onClose }, '×'),
    h('h2', { id: 'details-title', tabindex: -1 }, title),
    h('p', { class: 'muted' }, subtitle),
    tag,
  );
}

export function releaseDetails(r: ReleaseDetails, onClose: () => void): HTMLElement[] {
  const level = ACCESS_LEVELS[r.accessLevel];
  const license = r.license;
  return [
    header(
      r.name,
      `Release by ${shortName(r.organization.name)} · ${formatDate(r.date, r.datePrecision)}`,
      h('p', {}, h('span', { class: `tag level-${r.accessLevel}` }, level.label), h('span', { class: 'muted' }, ` ${level.hint}`)),
      onClose,
    ),
    h('p', { class: 'headline' }, r.title),
    r.summary ? h('p', {}, r.summary) : null,
    section(
      'License',
      license
        ? h(
            'div',
            { class: 'license' },
            h(
              'p',
              {},
              license.url ? h('a', { href: license.url, rel: 'noopener noreferrer', target: '_blank' }, license.name) : license.name,
              license.spdxId ? ` (${license.spdxId})` : '',
            ),
            facts([
              ['OSI-approved', yesNo(license.osiApproved)],
              ['Commercial use', yesNo(license.allowsCommercialUse)],
              ...(license.userThreshold
                ? ([['User cap', `${formatCount(license.userThreshold)} monthly active users`]] as Array<[string, string]>)
                : []),
            ]),
            license.restrictions.length
              ? h(
                  'ul',
                  { class: 'restrictions' },
                  license.restrictions.map((x) => h('li', {}, x)),
                )
              : null,
          )
        : h('p', {}, 'No license: the artifact itself is not released.'),
    ),
    r.variants.length
      ? section(
          'Variants',
          h(
            'table',
            { class: 'variants' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Variant'),
                h('th', { scope: 'col' }, 'Parameters'),
                h('th', { scope: 'col' }, 'Active'),
              ),
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
      : null,
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
      : null,
    sources(r.sources),
  ].filter((x): x is HTMLElement => x !== null);
}

export function positionDetails(p: PositionDetails, onClose: () => void): HTMLElement[] {
  const speaker = p.actor.__typename === 'Person' ? `${p.actor.name}, for ${shortName(p.organization.name)}` : shortName(p.actor.name);
  return [
    header(
      p.title,
      `${speaker} · ${formatDate(p.date, p.datePrecision)}`,
      h('p', {}, h('span', { class: `tag stance-${p.stance}` }, `${STANCES[p.stance]} ${TOPICS[p.topic]}`)),
      onClose,
    ),
    p.quote ? h('blockquote', {}, `“${p.quote}”`, h('footer', {}, `— ${p.actor.name}`)) : null,
    p.summary ? h('p', {}, p.summary) : null,
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
    sources(p.sources),
  ].filter((x): x is HTMLElement => x !== null);
}
