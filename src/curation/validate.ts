import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DialectAdapter } from '../db/adapter';
import type { Database } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { licenseSchema, organizationSchema, personSchema, positionSchema, releaseSchema, type SeedSource } from '../seed/seed.schema';
import { curatedDate, type RecordKind, type SeedRecords } from './records';
import { userError, type UserError } from './user-error';

/*
 * A record written through the API passes the same rules as a seed file: the seed's zod
 * schema (types, enums, dates, URLs, lengths) and then the rules that need the rest of
 * the data (references, OSI licenses for OPEN_SOURCE, one set of details per source URL).
 * Every problem is reported, each with the path of the input field at fault.
 */

type Trx = Transaction<Database>;
const SCHEMAS: { [K in RecordKind]: z.ZodType<SeedRecords[K]> } = {
  organizations: organizationSchema,
  people: personSchema,
  licenses: licenseSchema,
  releases: releaseSchema,
  policyPositions: positionSchema,
};

const at = (path: ReadonlyArray<PropertyKey>) => ['input', ...path.map(String)];

/** Checks a candidate record's shape; returns the parsed record or the problems. */
export function parseRecord<K extends RecordKind>(kind: K, candidate: unknown): { value: SeedRecords[K] } | { errors: UserError[] } {
  const result = SCHEMAS[kind].safeParse(candidate);
  if (result.success) return { value: result.data };
  return {
    errors: result.error.issues.map((issue) =>
      userError(at(issue.path), issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message, 'INVALID'),
    ),
  };
}

async function exists(trx: Trx, table: 'organizations' | 'people' | 'licenses' | 'releases', slug: string): Promise<boolean> {
  return (await trx.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

/** The slugs a record refers to, by table. */
function references<K extends RecordKind>(
  kind: K,
  value: SeedRecords[K],
): Record<'organizations' | 'people' | 'licenses' | 'releases', string[]> {
  const refs = { organizations: [] as string[], people: [] as string[], licenses: [] as string[], releases: [] as string[] };
  if (kind === 'people') refs.organizations.push(...(value as SeedRecords['people']).roles.map((r) => r.organization));
  if (kind === 'releases') {
    const r = value as SeedRecords['releases'];
    refs.organizations.push(r.organization);
    if (r.license) refs.licenses.push(r.license);
    refs.releases.push(...(r.predecessor ? [r.predecessor] : []), ...r.comparedWith);
  }
  if (kind === 'policyPositions') {
    const p = value as SeedRecords['policyPositions'];
    refs.organizations.push(p.organization);
    if ('person' in p.actor) refs.people.push(p.actor.person);
    else refs.organizations.push(p.actor.organization);
  }
  return refs;
}

/**
 * The rules that look beyond the record itself. The records it refers to are held first,
 * so none is renamed or deleted between these checks and the commit: the search text
 * built from their names stays true, and a delete sees this record as a reference.
 */
export async function checkRecord<K extends RecordKind>(trx: Trx, a: DialectAdapter, kind: K, value: SeedRecords[K]): Promise<UserError[]> {
  const errors: UserError[] = [];
  const refs = references(kind, value);
  // Not releases: two releases naming each other, updated at once, would each wait on the other.
  for (const table of ['organizations', 'people', 'licenses'] as const) await a.holdRows(trx, table, [...new Set(refs[table])].sort());
  const ref = async (
    path: Array<string | number>,
    table: 'organizations' | 'people' | 'licenses' | 'releases',
    noun: string,
    slug: string | undefined,
  ) => {
    if (slug !== undefined && !(await exists(trx, table, slug)))
      errors.push(userError(at(path), `unknown ${noun} "${slug}": no ${noun} has that slug`, 'NOT_FOUND'));
  };
  const dateOrder = (path: Array<string | number>, start: string | undefined, end: string | undefined) => {
    if (start && end && parseCuratedDate(end)!.date < parseCuratedDate(start)!.date)
      errors.push(userError(at(path), `ends (${end}) before it starts (${start})`, 'INVALID'));
  };

  if (kind === 'people') {
    for (const [i, role] of (value as SeedRecords['people']).roles.entries()) {
      await ref(['roles', i, 'organization'], 'organizations', 'organization', role.organization);
      dateOrder(['roles', i, 'endedOn'], role.startedOn, role.endedOn);
    }
  }
  if (kind === 'releases') {
    const r = value as SeedRecords['releases'];
    await ref(['organization'], 'organizations', 'organization', r.organization);
    await ref(['license'], 'licenses', 'license', r.license);
    if (r.predecessor === r.slug) errors.push(userError(at(['predecessor']), 'a release cannot be its own predecessor', 'INVALID'));
    else await ref(['predecessor'], 'releases', 'release', r.predecessor);
    for (const [i, slug] of r.comparedWith.entries()) {
      if (slug === r.slug) errors.push(userError(at(['comparedWith', i]), 'a release cannot be compared with itself', 'INVALID'));
      else await ref(['comparedWith', i], 'releases', 'release', slug);
    }
    if (r.predecessor && r.predecessor !== r.slug) {
      const predecessor = await trx
        .selectFrom('releases')
        .select(['date', 'date_precision'])
        .where('slug', '=', r.predecessor)
        .executeTakeFirst();
      if (predecessor && predecessor.date > parseCuratedDate(r.date)!.date) {
        errors.push(
          userError(
            at(['predecessor']),
            `predecessor "${r.predecessor}" (${curatedDate(predecessor.date, predecessor.date_precision)}) is dated after this release (${r.date})`,
            'INVALID',
          ),
        );
      }
    }
    // And no release that names this one as its predecessor may now come before it.
    const earlier = await trx
      .selectFrom('releases as r')
      .innerJoin('releases as p', 'p.id', 'r.predecessor_id')
      .select(['r.slug', 'r.date', 'r.date_precision'])
      .where('p.slug', '=', r.slug)
      .where('r.date', '<', parseCuratedDate(r.date)!.date)
      .orderBy('r.slug')
      .execute();
    for (const successor of earlier) {
      errors.push(
        userError(
          at(['date']),
          `"${successor.slug}" names this release as its predecessor and is dated ${curatedDate(successor.date, successor.date_precision)}, before ${r.date}`,
          'INVALID',
        ),
      );
    }
    // "Open source" is decided by the license, never by a press release.
    if (r.accessLevel === 'OPEN_SOURCE') {
      const license = r.license
        ? await trx.selectFrom('licenses').select('osi_approved').where('slug', '=', r.license).executeTakeFirst()
        : undefined;
      if (!r.license)
        errors.push(
          userError(at(['accessLevel']), 'OPEN_SOURCE needs a license: name the OSI-approved license it was released under', 'INVALID'),
        );
      else if (license && !a.readBool(license.osi_approved)) {
        errors.push(
          userError(
            at(['accessLevel']),
            `OPEN_SOURCE needs an OSI-approved license, but "${r.license}" is not; use OPEN_WEIGHTS or GATED_WEIGHTS`,
            'INVALID',
          ),
        );
      }
    }
  }
  if (kind === 'licenses') {
    const l = value as SeedRecords['licenses'];
    if (!l.osiApproved) {
      const open = await trx
        .selectFrom('releases as r')
        .innerJoin('licenses as l', 'l.id', 'r.license_id')
        .select('r.slug')
        .where('l.slug', '=', l.slug)
        .where('r.access_level', '=', 'OPEN_SOURCE')
        .orderBy('r.slug')
        .execute();
      if (open.length) {
        errors.push(
          userError(
            at(['osiApproved']),
            `releases marked OPEN_SOURCE use this license (${open.map((r) => r.slug).join(', ')}); change their access level before withdrawing OSI approval`,
            'IN_USE',
          ),
        );
      }
    }
  }
  if (kind === 'policyPositions') {
    const p = value as SeedRecords['policyPositions'];
    if ('person' in p.actor) await ref(['actor', 'person'], 'people', 'person', p.actor.person);
    else await ref(['actor', 'organization'], 'organizations', 'organization', p.actor.organization);
    await ref(['organization'], 'organizations', 'organization', p.organization);
  }
  errors.push(...(await checkSources(trx, ['sources'], (value as { sources?: SeedSource[] }).sources ?? [])));
  return errors;
}

/**
 * One URL is one source: a citation of a known URL must agree with its stored details,
 * and fields it leaves out are filled in from them (in place), so every citation agrees.
 */
export async function checkSources(trx: Trx, path: Array<string | number>, sources: SeedSource[]): Promise<UserError[]> {
  const errors: UserError[] = [];
  const seen = new Map<string, number>();
  for (const [i, s] of sources.entries()) {
    if (seen.has(s.url))
      errors.push(userError(at([...path, i, 'url']), `${s.url} is already cited at position ${seen.get(s.url)} of this list`, 'INVALID'));
    seen.set(s.url, i);
    const stored = await trx.selectFrom('sources').selectAll().where('url', '=', s.url).executeTakeFirst();
    if (!stored) continue;
    const current = {
      title: stored.title,
      publisher: stored.publisher ?? undefined,
      publishedOn: curatedDate(stored.published_on, stored.published_on_precision),
      accessedOn: curatedDate(stored.accessed_on, stored.accessed_on_precision ?? 'DAY'),
    };
    for (const field of ['title', 'publisher', 'publishedOn', 'accessedOn'] as const) {
      if (s[field] === undefined) {
        if (field !== 'title' && current[field] !== undefined) s[field] = current[field];
      } else if (s[field] !== current[field]) {
        errors.push(
          userError(
            at([...path, i, field]),
            `${s.url} is already a source with ${field} ${JSON.stringify(current[field] ?? null)}; cite it with the same ${field} (or leave it out), since every record citing it shares one set of details`,
            'INVALID',
          ),
        );
      }
    }
  }
  return errors;
}
