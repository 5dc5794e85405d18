import { z } from 'zod';
import { text } from './seed.fields';
import { normalizeUrl } from './seed.urls';

/*
 * Who may be cited (`seed/publishers.yaml`, see docs/seed-format.md): each publisher with
 * the other labels sources use for it, its class and the sites it publishes on. A source
 * whose host belongs to no publisher here is refused, so aggregators, AI-written summary
 * sites, content farms, mirrors, clones and republication sites, which are never listed,
 * cannot be cited. The list is checked with the seed and is not stored.
 */

export const PUBLISHERS_FILE = 'publishers.yaml';

export const PUBLISHER_CLASSES = ['PRIMARY', 'PRESS'] as const;
export type PublisherClass = (typeof PUBLISHER_CLASSES)[number];

/** A host (`ai.meta.com`) or, on a host many publishers share, a host and a path prefix (`github.com/facebookresearch`). */
const site = z
  .string()
  .regex(
    /^(?!www\.)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s/?#]+)*$/,
    'must be a host in lower case without "www." or a scheme (e.g. "ai.meta.com"), optionally followed by a path prefix without a trailing slash (e.g. "github.com/facebookresearch")',
  );

export const publisherSchema = z.strictObject({
  name: text(200),
  aliases: z.array(text(200)).optional(),
  class: z.enum(PUBLISHER_CLASSES, {
    error: (issue) => `must be one of ${PUBLISHER_CLASSES.join(', ')}, got ${JSON.stringify(issue.input)}`,
  }),
  sites: z.array(site).min(1, 'needs at least one site'),
});

export const publishersFileSchema = z.strictObject({ publishers: z.array(publisherSchema) });

export type Publisher = z.infer<typeof publisherSchema>;

/** Where a URL's host and path fall among the listed sites: the publisher of the longest matching site. */
export class PublisherIndex {
  private readonly sites: Array<{ host: string; path: string; publisher: Publisher }>;

  constructor(readonly publishers: readonly Publisher[]) {
    this.sites = publishers
      .flatMap((publisher) =>
        publisher.sites.map((s) => {
          const slash = s.indexOf('/');
          return slash < 0 ? { host: s, path: '', publisher } : { host: s.slice(0, slash), path: s.slice(slash).toLowerCase(), publisher };
        }),
      )
      .sort((a, b) => b.host.length + b.path.length - (a.host.length + a.path.length));
  }

  /**
   * The publisher a URL belongs to: a site matches its own host and the hosts under it
   * (`meta.com` covers `about.meta.com`), and a site with a path covers that path and the
   * paths below it. The longest match wins.
   */
  publisherOf(url: string): Publisher | undefined {
    const normalized = new URL(normalizeUrl(url));
    const host = normalized.hostname;
    const pathname = normalized.pathname.toLowerCase();
    return this.sites.find(
      (s) =>
        (host === s.host || host.endsWith(`.${s.host}`)) && (s.path === '' || pathname === s.path || pathname.startsWith(`${s.path}/`)),
    )?.publisher;
  }

  /** True when `label` is the publisher's name or one of its aliases. */
  static names(publisher: Publisher, label: string): boolean {
    return publisher.name === label || (publisher.aliases ?? []).includes(label);
  }
}
