import type { FastifyInstance } from 'fastify';

/*
 * No answer of this service may be shown inside another site's frame (clickjacking), except
 * the embed, which exists to be framed. Routes with a content policy of their own (the
 * page, the embed) replace the CSP set here; X-Frame-Options is for browsers without CSP 2.
 */
export const FRAMEABLE_ROUTES: ReadonlySet<string> = new Set(['/embed']);

export function frameGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (FRAMEABLE_ROUTES.has(request.routeOptions.url ?? '')) return;
    reply.header('x-frame-options', 'DENY').header('content-security-policy', "frame-ancestors 'none'");
  });
}
