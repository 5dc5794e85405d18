/*
 * One document, one source: two URLs that differ only in how they are written (scheme or
 * host case, a `www.` prefix, tracking parameters, a trailing slash, a fragment) name the
 * same document. The seed keeps URLs as written; the check compares them normalized.
 */

/** Query parameters that only track where a reader came from. */
const TRACKING = /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|ref|ref_src|ref_url|_ga|_gl)$/i;

/**
 * The URL as one document's address: https for http, host in lower case, `www.` dropped,
 * tracking parameters dropped, trailing slashes dropped (except the root's), fragment
 * dropped. The other query parameters keep their order and spelling. Throws on a
 * string that is not an absolute URL.
 */
export function normalizeUrl(value: string): string {
  const url = new URL(value); // lower-cases the scheme and host, drops a default port
  const host = url.host.replace(/^www\./, '');
  let pathname = url.pathname.replace(/\/+$/, '');
  if (pathname === '') pathname = '/';
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !TRACKING.test(decodeKey(pair.split('=')[0]!)));
  // http and https name the same document: it is compared as https.
  const scheme = url.protocol === 'http:' ? 'https:' : url.protocol;
  return `${scheme}//${host}${pathname}${query.length ? `?${query.join('&')}` : ''}`;
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/** The host of a URL as publishers are listed by: lower case, without `www.`. */
export function hostOf(value: string): string {
  return new URL(value).hostname.replace(/^www\./, '');
}
