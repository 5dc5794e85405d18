import { z } from 'zod';
import { parseCuratedDate } from '../domain/dates';
import { SLUG } from '../domain/slugs';

/*
 * The pieces every kind's seed format is built from (see docs/seed-format.md). Objects are
 * strict: an unknown key is an error, so a typo never silently drops a fact.
 */

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const slug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(SLUG, 'must be lowercase letters and digits joined by single hyphens, e.g. "llama-3-1"');

export const httpUrl = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');

/** `"2023-07-18"`, `"2023-07"` or `"2023"`; an unquoted year arrives as a number. */
export const curatedDate = z.preprocess(
  (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
  z.string().refine((value) => parseCuratedDate(value) !== null, 'must be a real date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"'),
);

export const oneOf = <T extends string>(vocab: { values: readonly T[] }) =>
  z.enum(vocab.values as [T, ...T[]], {
    error: (issue) => `must be one of ${vocab.values.join(', ')}, got ${JSON.stringify(issue.input)}`,
  });

/** The web archives a source's snapshot may be kept on: the Wayback Machine and archive.today (under each of its domains). */
export const ARCHIVE_HOSTS = [
  'web.archive.org',
  'archive.today',
  'archive.ph',
  'archive.is',
  'archive.li',
  'archive.vn',
  'archive.fo',
  'archive.md',
];

export const archiveUrl = httpUrl.refine(
  (value) => {
    try {
      return ARCHIVE_HOSTS.includes(new URL(value).hostname.replace(/^www\./, ''));
    } catch {
      return true; // not a URL at all: httpUrl says so
    }
  },
  `must be a snapshot on a web archive (${ARCHIVE_HOSTS.join(', ')})`,
);

export const sourceSchema = z.strictObject({
  url: httpUrl,
  title: text(300),
  publisher: text(200).optional(),
  publishedOn: curatedDate.optional(),
  accessedOn: curatedDate.optional(),
  /** A snapshot of `url` on a web archive, for when the original moves or goes. */
  archiveUrl: archiveUrl.optional(),
});

/** Lists are bounded, so one record (from a file or the API) cannot grow without limit. */
export const MAX_ITEMS = 50;
export const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS, `must have at most ${MAX_ITEMS} items`);

export const sources = list(sourceSchema);
export const citedSources = sources.min(1, 'needs at least one source: every fact is sourced');

export type SeedSource = z.infer<typeof sourceSchema>;
