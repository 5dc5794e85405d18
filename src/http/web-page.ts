import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/*
 * The timeline page at `/`, built by `npm run build` into dist/web/. Assets have content
 * hashes in their names, so they are cached for a year; index.html is revalidated on every
 * load (no-cache + ETag), so a new build is picked up at once. The few files are read
 * into memory at start.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page runs its own bundled script and talks to its own origin only.
const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
export const DEFAULT_WEB_ROOT = path.join('dist', 'web');

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function readAsset(file: string): Asset {
  const body = fs.readFileSync(file);
  return { body, type: TYPES[path.extname(file)] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply.header('cache-control', cacheControl).header('etag', asset.etag).header('x-content-type-options', 'nosniff');
  const tags = request.headers['if-none-match']?.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags?.includes(asset.etag) || tags?.includes('*')) return reply.code(304).send();
  return reply.type(asset.type).send(asset.body);
}

export async function webPage(app: FastifyInstance, { root = DEFAULT_WEB_ROOT }: { root?: string } = {}): Promise<void> {
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn({ root }, 'the timeline page is not built; `npm run build` builds it');
    app.get('/', async (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send('The timeline page is not built: run `npm run build`. The API is at /graphql.'));
    return;
  }
  const index = readAsset(indexFile);
  const assetDir = path.join(root, 'assets');
  const assets = new Map(fs.readdirSync(assetDir).map((name) => [name, readAsset(path.join(assetDir, name))]));

  app.get('/', async (request, reply) => send(request, reply.header('content-security-policy', PAGE_POLICY), index, 'no-cache'));
  app.get('/assets/:name', async (request, reply) => {
    const asset = assets.get((request.params as { name: string }).name);
    return asset ? send(request, reply, asset, IMMUTABLE) : reply.callNotFound();
  });
}
