import { GraphQLError } from 'graphql';
import { SLUG } from '../domain/slugs';
import { parseExportFilter, type Query } from '../export/export.params';
import { escapeHtml } from '../http/html';
import { checkJurisdictions } from '../policy-actions/policy-action.service';

/*
 * oEmbed 1.0 (https://oembed.com): a `rich` answer whose `html` is an iframe of /embed with
 * the view's filters. Only URLs of this service's page (`/`) or embed (`/embed`) have one.
 */

/** As web/index.html's <title> and <h1> say it. */
const PAGE_TITLE = 'Open and closed AI: releases, policy positions and policy actions';
const PROVIDER_NAME = 'Policy Timeline';
/** The iframe's size when the consumer sets no bound; the embed reflows down to 320 px. */
const DEFAULT_SIZE = { width: 800, height: 600 };
const MAX_DIMENSION = 10_000;
/** The view parameters the page reads (README "The timeline page"); anything else in a URL is dropped. */
const VIEW_PARAMETERS = [
  'organizations',
  'eventTypes',
  'jurisdictions',
  'openOnly',
  'from',
  'to',
  'release',
  'position',
  'action',
  'view',
  'zoom',
  'scale',
] as const;
/** The parameters that name a selected event, one per kind (web/src/state.ts). */
const SELECTIONS = ['release', 'position', 'action'] as const;
/** The page's views (web/src/state.ts); `view=list` shows the plain list. */
const VIEWS = ['timeline', 'list'];
/** How the page draws its timeline (web/src/state.ts): the years it fits to its width, and their spacing. */
const LAYOUT: Record<'zoom' | 'scale', { valid: (value: string) => boolean; hint: string }> = {
  // A year, or a first and a last year in that order (2025-2022 is refused, as the page ignores it).
  zoom: {
    valid: (value) => {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
      return !!m && m[1] <= (m[2] ?? m[1]);
    },
    hint: 'a year, or a first and a last year, e.g. 2022-2025',
  },
  scale: { valid: (value) => /^(even|events)$/.test(value), hint: 'even or events' },
};
/** How long a consumer may keep an answer: the same in `cache_age` and in Cache-Control. */
export const CACHE_SECONDS = 3600;

export class OEmbedError extends Error {
  constructor(
    readonly status: 400 | 404 | 501,
    readonly code: string,
    readonly parameter: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface OEmbedResponse {
  type: 'rich';
  version: '1.0';
  title: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
}

function dimension(query: Query, name: 'maxwidth' | 'maxheight'): number | null {
  const raw = query[name];
  if (raw === undefined || raw === '') return null;
  if (Array.isArray(raw)) throw new OEmbedError(400, 'BAD_USER_INPUT', name, `Parameter "${name}" is given more than once.`);
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_DIMENSION) {
    throw new OEmbedError(
      400,
      'BAD_USER_INPUT',
      name,
      `Parameter "${name}": ${JSON.stringify(raw.slice(0, 40))} is not a whole number of pixels from 1 to ${MAX_DIMENSION}.`,
    );
  }
  return Number(raw);
}

/** The view parameters of a page or embed URL of this service, checked as the exports check them; null when the URL is not one. */
export function viewOf(url: URL, origin: string, maxListItems: number): URLSearchParams | null {
  if (url.origin !== origin || !['/', '/embed'].includes(url.pathname)) return null;
  const view = new URLSearchParams();
  for (const name of VIEW_PARAMETERS) {
    const value = url.searchParams.getAll(name);
    if (value.length) view.set(name, value.join(','));
  }
  // The page's own spellings: `organizations=all`, a selected event, a list view.
  const filter: Query = Object.fromEntries(
    [...view].filter(
      ([k, v]) => !([...SELECTIONS, 'view', ...Object.keys(LAYOUT)] as string[]).includes(k) && !(k === 'organizations' && v === 'all'),
    ),
  );
  try {
    checkJurisdictions(parseExportFilter(filter, maxListItems).jurisdictions, 'jurisdictions');
  } catch (err) {
    if (err instanceof GraphQLError)
      throw new OEmbedError(
        404,
        'NOT_FOUND',
        'url',
        `The URL's view is not one this service can show: ${err.message.replace(/^Argument "(?:filter\.)?/, 'parameter "')}`,
      );
    throw err;
  }
  for (const name of SELECTIONS) {
    const slug = view.get(name);
    if (slug !== null && !SLUG.test(slug))
      throw new OEmbedError(404, 'NOT_FOUND', 'url', `The URL's ${name} ${JSON.stringify(slug.slice(0, 80))} is not a slug.`);
  }
  const shown = view.get('view');
  if (shown !== null && !VIEWS.includes(shown))
    throw new OEmbedError(
      404,
      'NOT_FOUND',
      'url',
      `The URL's view ${JSON.stringify(shown.slice(0, 80))} is not one the page has; use ${VIEWS.join(' or ')}.`,
    );
  for (const [name, { valid, hint }] of Object.entries(LAYOUT)) {
    const value = view.get(name);
    if (value !== null && !valid(value))
      throw new OEmbedError(
        404,
        'NOT_FOUND',
        'url',
        `The URL's ${name} ${JSON.stringify(value.slice(0, 80))} is not one the page reads; use ${hint}.`,
      );
  }
  return view;
}

const describeView = (view: URLSearchParams) => {
  const orgs = view.get('organizations');
  const who = orgs === 'all' ? 'all organizations' : (orgs ?? 'meta').split(',').join(', ');
  return `${PAGE_TITLE}: ${who}${view.get('openOnly') === 'true' ? ', open releases only' : ''}`;
};

/** The embed URL for a view: what the iframe loads. */
export const embedUrl = (origin: string, view: URLSearchParams) =>
  `${origin}/embed${view.toString() ? `?${view.toString().replace(/%2C/g, ',')}` : ''}`;

/** The oEmbed answer for `?url=...&maxwidth=&maxheight=&format=`, made for `origin`; throws OEmbedError for each refusal the spec names. */
export function oembed(query: Query, origin: string, maxListItems: number): OEmbedResponse {
  const format = query.format ?? 'json';
  if (format !== 'json') {
    if (format === 'xml') throw new OEmbedError(501, 'FORMAT_NOT_IMPLEMENTED', 'format', 'Parameter "format": only json is served.');
    throw new OEmbedError(
      501,
      'FORMAT_NOT_IMPLEMENTED',
      'format',
      `Parameter "format": ${JSON.stringify(String(format).slice(0, 40))} is not served; use json.`,
    );
  }
  const raw = query.url;
  if (raw === undefined || raw === '')
    throw new OEmbedError(
      400,
      'BAD_USER_INPUT',
      'url',
      'Parameter "url" is required: the address of a timeline page or embed of this service.',
    );
  if (Array.isArray(raw)) throw new OEmbedError(400, 'BAD_USER_INPUT', 'url', 'Parameter "url" is given more than once.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OEmbedError(400, 'BAD_USER_INPUT', 'url', `Parameter "url": ${JSON.stringify(raw.slice(0, 80))} is not an absolute URL.`);
  }
  const maxWidth = dimension(query, 'maxwidth');
  const maxHeight = dimension(query, 'maxheight');
  const view = viewOf(url, origin, maxListItems);
  if (!view)
    throw new OEmbedError(
      404,
      'NOT_FOUND',
      'url',
      `Only this service's timeline page (${origin}/) and embed (${origin}/embed) have an embed.`,
    );

  const width = Math.min(DEFAULT_SIZE.width, maxWidth ?? Infinity);
  const height = Math.min(DEFAULT_SIZE.height, maxHeight ?? Infinity);
  const title = describeView(view);
  const html =
    `<iframe src="${escapeHtml(embedUrl(origin, view))}" width="${width}" height="${height}" title="${escapeHtml(title)}" ` +
    `style="border:0;max-width:100%" loading="lazy"></iframe>`;
  return {
    type: 'rich',
    version: '1.0',
    title,
    provider_name: PROVIDER_NAME,
    provider_url: `${origin}/`,
    cache_age: CACHE_SECONDS,
    html,
    width,
    height,
  };
}

/** The discovery tag for a page or embed at `url` (path and query), per the oEmbed spec's section 4. */
export function discoveryLink(origin: string, pathAndQuery: string): string {
  const href = `${origin}/oembed?format=json&url=${encodeURIComponent(`${origin}${pathAndQuery}`)}`;
  return `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(href)}" title="${escapeHtml(PAGE_TITLE)}" />`;
}
