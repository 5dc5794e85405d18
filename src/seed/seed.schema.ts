import { z } from 'zod';
import { parseCuratedDate } from '../domain/dates';
import { SLUG } from '../domain/slugs';
import * as v from '../domain/vocabulary';

/*
 * The shape of one seed file (see docs/seed-format.md). Objects are strict: an unknown
 * key is an error, so a typo never silently drops a fact.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const slug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(SLUG, 'must be lowercase letters and digits joined by single hyphens, e.g. "llama-3-1"');

const httpUrl = z
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

const oneOf = <T extends string>(vocab: { values: readonly T[] }) =>
  z.enum(vocab.values as [T, ...T[]], { error: (issue) => `must be one of ${vocab.values.join(', ')}, got ${JSON.stringify(issue.input)}` });

export const sourceSchema = z.strictObject({
  url: httpUrl,
  title: text(300),
  publisher: text(200).optional(),
  publishedOn: curatedDate.optional(),
  accessedOn: curatedDate.optional(),
});

/** Lists are bounded, so one record (from a file or the API) cannot grow without limit. */
const MAX_ITEMS = 50;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS, `must have at most ${MAX_ITEMS} items`);

const sources = list(sourceSchema);
const citedSources = sources.min(1, 'needs at least one source: every fact is sourced');

export const organizationSchema = z.strictObject({
  slug,
  name: text(200),
  kind: oneOf(v.OrganizationKinds),
  description: text(2000).optional(),
  website: httpUrl.optional(),
  stockTicker: z.string().regex(/^[A-Z]+:[A-Z.]+$/, 'must be EXCHANGE:TICKER, e.g. "NASDAQ:META"').optional(),
  businessModel: text(200).optional(),
  sources: sources.optional(),
});

export const roleSchema = z.strictObject({
  title: text(200),
  organization: slug,
  startedOn: curatedDate.optional(),
  endedOn: curatedDate.optional(),
});

export const personSchema = z.strictObject({
  slug,
  name: text(200),
  description: text(2000).optional(),
  roles: list(roleSchema).min(1, 'needs at least one role'),
  sources: sources.optional(),
});

export const licenseSchema = z.strictObject({
  slug,
  name: text(200),
  spdxId: z.string().regex(/^[A-Za-z0-9.+-]+$/, 'must be an SPDX identifier such as "Apache-2.0"').optional(),
  url: httpUrl.optional(),
  osiApproved: z.boolean(),
  allowsCommercialUse: z.boolean(),
  userThreshold: z.number().int().positive().optional(),
  restrictions: list(text(500)).default([]),
  sources: sources.optional(),
});

export const variantSchema = z.strictObject({
  name: text(200),
  parameterCount: z.number().positive().optional(),
  activeParameterCount: z.number().positive().optional(),
});

export const releaseSchema = z.strictObject({
  slug,
  name: text(200),
  title: text(300),
  artifactType: oneOf(v.ArtifactTypes),
  family: text(100).optional(),
  organization: slug,
  date: curatedDate,
  summary: text(4000).optional(),
  accessLevel: oneOf(v.AccessLevels),
  license: slug.optional(),
  variants: list(variantSchema).default([]),
  modalities: list(oneOf(v.Modalities)).default([]),
  predecessor: slug.optional(),
  comparedWith: list(slug).default([]),
  sources: citedSources,
});

const actorSchema = z.union([z.strictObject({ person: slug }), z.strictObject({ organization: slug })], {
  error: 'must be { person: <slug> } or { organization: <slug> }',
});

export const positionSchema = z.strictObject({
  slug,
  title: text(300),
  date: curatedDate,
  summary: text(4000).optional(),
  actor: actorSchema,
  organization: slug,
  topic: oneOf(v.PolicyTopics),
  stance: oneOf(v.Stances),
  quote: text(600).optional(),
  arguments: list(text(200)).default([]),
  sources: citedSources,
});

export const seedFileSchema = z.strictObject({
  organizations: z.array(organizationSchema).optional(),
  people: z.array(personSchema).optional(),
  licenses: z.array(licenseSchema).optional(),
  releases: z.array(releaseSchema).optional(),
  policyPositions: z.array(positionSchema).optional(),
});

export type SeedSource = z.infer<typeof sourceSchema>;
export type SeedOrganization = z.infer<typeof organizationSchema>;
export type SeedPerson = z.infer<typeof personSchema>;
export type SeedLicense = z.infer<typeof licenseSchema>;
export type SeedRelease = z.infer<typeof releaseSchema>;
export type SeedPosition = z.infer<typeof positionSchema>;
export type SeedFile = z.infer<typeof seedFileSchema>;
