import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { discoveryLink } from '../embed/oembed';
import { publicOrigin } from '../embed/public-origin';

/*
 * The timeline page at `/` and its chrome-less twin at `/embed`, built by `npm run build`
 * into dist/web/. Assets have content hashes in their names, so they are cached for a
 * year; the HTML is revalidated on every load (no-cache + ETag), so a new build is picked
 * up at once. The few files are read into memory at start. Each HTML answer carries an
 * oEmbed discovery tag for its own view, so a CMS given the link finds the embed.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page runs its own bundled script and talks to its own origin only. The embed may be
// framed by any site (that is its purpose); the page may not (clickjacking).
const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'";
const PAGE_POLICY = `${POLICY}; frame-ancestors 'none'`;
const EMBED_POLICY = `${POLICY}; frame-ancestors *`;
export const DEFAULT_WEB_ROOT = path.join('dist', 'web');

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(body: Buffer, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

function readAsset(file: string): Asset {
  return asset(fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply.header('cache-control', cacheControl).header('etag', asset.etag).header('x-content-type-options', 'nosniff');
  const tags = request.headers['if-none-match']?.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags?.includes(asset.etag) || tags?.includes('*')) return reply.code(304).send();
  return reply.type(asset.type).send(asset.body);
}

export async function webPage(
  app: FastifyInstance,
  { root = DEFAULT_WEB_ROOT, publicUrl = null }: { root?: string; publicUrl?: string | null } = {},
): Promise<void> {
  const indexFile = path.join(root, 'index.html');
  const embedFile = path.join(root, 'embed.html');
  if (!fs.existsSync(indexFile) || !fs.existsSync(embedFile)) {
    app.log.warn({ root }, 'the timeline page is not built; `npm run build` builds it');
    const notBuilt = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The timeline page is not built: run `npm run build`. The API is at /graphql.');
    app.get('/', notBuilt);
    app.get('/embed', notBuilt);
    return;
  }
  const templates = { page: fs.readFileSync(indexFile, 'utf8'), embed: fs.readFileSync(embedFile, 'utf8') };
  const assetDir = path.join(root, 'assets');
  const assets = new Map(fs.readdirSync(assetDir).map((name) => [name, readAsset(path.join(assetDir, name))]));

  /** The HTML with the discovery tag for this request's view; without one when the request names no usable origin. */
  const html = (request: FastifyRequest, template: string): Asset => {
    const origin = publicOrigin(request, publicUrl);
    // A replacer function: a string replacement would read `$&`, `$$`... in PUBLIC_URL as patterns.
    const body = origin ? template.replace('</head>', () => `    ${discoveryLink(origin, request.url)}\n  </head>`) : template;
    return asset(Buffer.from(body), TYPES['.html']!);
  };
  app.get('/', async (request, reply) =>
    send(request, reply.header('content-security-policy', PAGE_POLICY), html(request, templates.page), 'no-cache'),
  );
  app.get('/embed', async (request, reply) =>
    send(request, reply.header('content-security-policy', EMBED_POLICY), html(request, templates.embed), 'no-cache'),
  );
  app.get('/assets/:name', async (request, reply) => {
    const asset = assets.get((request.params as { name: string }).name);
    return asset ? send(request, reply, asset, IMMUTABLE) : reply.callNotFound();
  });
}
