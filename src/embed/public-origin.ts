import type { FastifyRequest } from 'fastify';

/* Where the service is reached from outside: PUBLIC_URL, or the request's own origin. */

// A host name or address and an optional port: nothing that could break out of a URL or an HTML attribute.
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin absolute links are made with; null when the request names no usable host. */
export function publicOrigin(request: FastifyRequest, configured: string | null): string | null {
  if (configured) return configured;
  // Fastify reads X-Forwarded-Proto/-Host only when TRUST_PROXY trusts the sender.
  const host = request.host;
  if (!host || !HOST.test(host) || (request.protocol !== 'http' && request.protocol !== 'https')) return null;
  // As URL parsing writes it (lower case, no default port), so that it equals `new URL(url).origin` for the URLs it makes.
  try {
    return new URL(`${request.protocol}://${host}`).origin;
  } catch {
    return null; // e.g. a port above 65535
  }
}
