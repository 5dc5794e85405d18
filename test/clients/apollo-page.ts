import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';

/*
 * The browser side of test/http/clients.test.ts: Apollo Client 4 as a front end uses it, bundled
 * by esbuild and run in Chromium on a page of another origin than the API's.
 */

const ORGANIZATION = gql`
  query Organization($slug: String!) {
    organization(slug: $slug) {
      slug
      name
    }
  }
`;

/** APQ's hash, with the browser's own SHA-256 (a page on 127.0.0.1 is a secure context). */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Seen {
  method: string;
  status: number;
  etag: string | null;
  cacheControl: string | null;
}

Object.assign(globalThis, {
  /** A named client (Apollo's client awareness headers), as Apollo's docs recommend for production. */
  async namedQuery(uri: string) {
    const client = new ApolloClient({
      link: new HttpLink({ uri }),
      cache: new InMemoryCache(),
      clientAwareness: { name: 'timeline-web', version: '1.2.3' },
    });
    const { data } = await client.query({ query: ORGANIZATION, variables: { slug: 'meta' }, fetchPolicy: 'network-only' });
    return data;
  },

  /**
   * Automatic persisted queries with hashed GETs, the usual setup behind a CDN. `no-cache`
   * makes the browser revalidate its cached copy (If-None-Match) on every request.
   */
  async persistedQueries(uri: string, times: number) {
    const seen: Seen[] = [];
    const recording = async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      seen.push({
        method: init?.method ?? 'GET',
        status: response.status,
        etag: response.headers.get('etag'),
        cacheControl: response.headers.get('cache-control'),
      });
      return response;
    };
    const link = createPersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
      new HttpLink({ uri, fetch: recording, fetchOptions: { cache: 'no-cache' } as RequestInit }),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const answers = [];
    for (let i = 0; i < times; i++)
      answers.push((await client.query({ query: ORGANIZATION, variables: { slug: 'meta' }, fetchPolicy: 'network-only' })).data);
    return { answers, seen };
  },
});
