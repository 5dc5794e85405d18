import type { TypedDocumentString } from './gql/graphql';

/*
 * The page's only data source: the service's GraphQL endpoint, POST with a JSON body
 * (a POST must be JSON; see docs/hardening.md). The endpoint is this page's own origin unless
 * index.html names another in <meta name="graphql-endpoint">, for a page served
 * elsewhere and allowed by the API's CORS settings.
 */

const endpoint = new URL(document.querySelector<HTMLMetaElement>('meta[name="graphql-endpoint"]')?.content || '/graphql', location.href);

/** Where the service's other routes (the exports) live: beside the GraphQL endpoint. */
export const serviceUrl = (path: string): string => new URL(path, endpoint).toString();

export class ApiError extends Error {}

/** Runs a typed operation; its result and variables are checked against the generated types. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('The service cannot be reached. Check that it is running, then reload.');
  }
  const body = (await response.json().catch(() => null)) as { data?: TResult; errors?: Array<{ message: string }> } | null;
  if (body?.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join(' '));
  if (!response.ok || !body?.data) throw new ApiError(`The service answered ${response.status} ${response.statusText}.`);
  return body.data;
}
