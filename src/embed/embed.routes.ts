import type { FastifyInstance } from 'fastify';
import type { Query } from '../export/export.params';
import { CACHE_SECONDS, OEmbedError, oembed } from './oembed';
import { publicOrigin } from './public-origin';

/* GET /oembed: how WordPress, Ghost, Iframely and the like turn a pasted timeline link into an iframe. */

export async function embedRoutes(
  app: FastifyInstance,
  { publicUrl, maxListItems }: { publicUrl: string | null; maxListItems: number },
): Promise<void> {
  app.get('/oembed', async (request, reply) => {
    const origin = publicOrigin(request, publicUrl);
    try {
      if (!origin)
        throw new OEmbedError(400, 'BAD_REQUEST', null, 'The request names no usable Host; set PUBLIC_URL or send a Host header.');
      const answer = oembed(request.query as Query, origin, maxListItems);
      return reply.type('application/json; charset=utf-8').header('cache-control', `public, max-age=${CACHE_SECONDS}`).send(answer);
    } catch (err) {
      if (!(err instanceof OEmbedError)) throw err;
      const error = { 400: 'Bad Request', 404: 'Not Found', 501: 'Not Implemented' }[err.status];
      return reply.code(err.status).send({ statusCode: err.status, error, code: err.code, parameter: err.parameter, message: err.message });
    }
  });
}
