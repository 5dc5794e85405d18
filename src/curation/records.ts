import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type {
  CitationSubject,
  Database,
  DatePrecisionValue,
  LicenseRow,
  OrganizationRow,
  PersonRow,
  PolicyPositionRow,
  ReleaseRow,
} from '../db/database';
import { groupBy } from '../db/rows';
import type { SeedLicense, SeedOrganization, SeedPerson, SeedPosition, SeedRelease, SeedSource } from '../seed/seed.schema';

/*
 * Records read back in seed format: the exact shape `seed/*.yaml` parses to (defaults
 * filled, absent optionals left out). One reader serves the change history (before and
 * after of every edit), `seed:export`, and re-seeding's check for curated edits.
 */

export interface SeedRecords {
  organizations: SeedOrganization;
  people: SeedPerson;
  licenses: SeedLicense;
  releases: SeedRelease;
  policyPositions: SeedPosition;
}
export type RecordKind = keyof SeedRecords;
export const RECORD_KINDS: readonly RecordKind[] = ['organizations', 'people', 'licenses', 'releases', 'policyPositions'];

export const SUBJECT_OF: Record<RecordKind, CitationSubject> = {
  organizations: 'ORGANIZATION',
  people: 'PERSON',
  licenses: 'LICENSE',
  releases: 'RELEASE',
  policyPositions: 'POLICY_POSITION',
};
/** What a record of each kind is called in messages. */
export const NOUN_OF: Record<RecordKind, string> = {
  organizations: 'organization',
  people: 'person',
  licenses: 'license',
  releases: 'release',
  policyPositions: 'policy position',
};
export const TABLE_OF = {
  organizations: 'organizations',
  people: 'people',
  licenses: 'licenses',
  releases: 'releases',
  policyPositions: 'policy_positions',
} as const satisfies Record<RecordKind, keyof Database>;

type Db = Kysely<Database> | Transaction<Database>;

/** A stored date back to how the seed writes it: "2023-07-18", "2023-07" or "2023". */
export function curatedDate(date: string | null, precision: DatePrecisionValue | null): string | undefined {
  if (date === null) return undefined;
  if (precision === 'YEAR') return date.slice(0, 4);
  if (precision === 'MONTH') return date.slice(0, 7);
  return date;
}

/** Drops undefined values so a record compares and serialises like parsed YAML. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** A record kind's child rows (roles, variants, ...) by parent id, in their stored order. */
async function childRows<
  T extends 'roles' | 'license_restrictions' | 'release_variants' | 'release_modalities' | 'release_comparisons' | 'position_arguments',
>(db: Db, table: T, parentColumn: string, ids: number[]): Promise<Map<number, Array<Selectable<Database[T]>>>> {
  if (ids.length === 0) return new Map();
  const rows = (await (db as Kysely<any>)
    .selectFrom(table)
    .selectAll()
    .where(parentColumn, 'in', ids)
    .orderBy(parentColumn)
    .orderBy('ordinal')
    .execute()) as Array<Selectable<Database[T]> & Record<string, number>>;
  return groupBy(rows, (r) => r[parentColumn] as number);
}

/**
 * Ids -> slugs for the references records make: the ids given when reading a few records,
 * the whole table when reading all of them (an export), where an id list would be huge.
 */
async function slugsById(
  db: Db,
  table: 'organizations' | 'people' | 'licenses' | 'releases',
  ids: Array<number | null> | 'all',
): Promise<Map<number, string>> {
  const wanted = ids === 'all' ? null : [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted && wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'slug'])
    .$if(wanted !== null, (q) => q.where('id', 'in', wanted!))
    .execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}

async function citations(db: Db, subject: CitationSubject, ids: number[]): Promise<Map<number, SeedSource[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('citations as c')
    .innerJoin('sources as s', 's.id', 'c.source_id')
    .select([
      'c.subject_id',
      's.url',
      's.title',
      's.publisher',
      's.published_on',
      's.published_on_precision',
      's.accessed_on',
      's.accessed_on_precision',
    ])
    .where('c.subject_type', '=', subject)
    .where('c.subject_id', 'in', ids)
    .orderBy('c.subject_id')
    .orderBy('c.ordinal')
    .execute();
  const grouped = groupBy(rows, (r) => r.subject_id);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map((s) =>
        compact({
          url: s.url,
          title: s.title,
          publisher: opt(s.publisher),
          publishedOn: curatedDate(s.published_on, s.published_on_precision),
          accessedOn: curatedDate(s.accessed_on, s.accessed_on_precision ?? 'DAY'),
        }),
      ),
    ]),
  );
}

/** Sources are optional on organizations, people and licenses: an empty list is left out. */
const optionalSources = (list: SeedSource[] | undefined) => (list && list.length ? list : undefined);

function bySlug<T>(db: Db, table: (typeof TABLE_OF)[RecordKind], slugs: readonly string[] | undefined) {
  let q = db.selectFrom(table).selectAll();
  if (slugs) q = q.where('slug', 'in', slugs.length ? [...slugs] : ['']);
  return q.orderBy('slug').execute() as Promise<T[]>;
}

type Reader<K extends RecordKind> = (
  db: Db,
  a: DialectAdapter,
  slugs?: readonly string[],
) => Promise<Array<SeedRecords[K] & { id: number; version: number }>>;

const readers: { [K in RecordKind]: Reader<K> } = {
  async organizations(db, _a, slugs) {
    const rows = await bySlug<OrganizationRow>(db, 'organizations', slugs);
    const cited = await citations(
      db,
      'ORGANIZATION',
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      ...compact({
        slug: r.slug,
        name: r.name,
        kind: r.kind as SeedOrganization['kind'],
        description: opt(r.description),
        website: opt(r.website),
        stockTicker: opt(r.stock_ticker),
        businessModel: opt(r.business_model),
        sources: optionalSources(cited.get(r.id)),
      }),
    }));
  },

  async people(db, _a, slugs) {
    const rows = await bySlug<PersonRow>(db, 'people', slugs);
    const ids = rows.map((r) => r.id);
    const rolesOf = await childRows(db, 'roles', 'person_id', ids);
    const orgs = await slugsById(db, 'organizations', slugs ? [...rolesOf.values()].flat().map((r) => r.organization_id) : 'all');
    const cited = await citations(db, 'PERSON', ids);
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      ...compact({
        slug: r.slug,
        name: r.name,
        description: opt(r.description),
        roles: (rolesOf.get(r.id) ?? []).map((role) =>
          compact({
            title: role.title,
            organization: orgs.get(role.organization_id)!,
            startedOn: curatedDate(role.started_on, role.started_on_precision),
            endedOn: curatedDate(role.ended_on, role.ended_on_precision),
          }),
        ),
        sources: optionalSources(cited.get(r.id)),
      }),
    }));
  },

  async licenses(db, a, slugs) {
    const rows = await bySlug<LicenseRow>(db, 'licenses', slugs);
    const ids = rows.map((r) => r.id);
    const restrictionsOf = await childRows(db, 'license_restrictions', 'license_id', ids);
    const cited = await citations(db, 'LICENSE', ids);
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      ...compact({
        slug: r.slug,
        name: r.name,
        spdxId: opt(r.spdx_id),
        url: opt(r.url),
        osiApproved: a.readBool(r.osi_approved),
        allowsCommercialUse: a.readBool(r.allows_commercial_use),
        userThreshold: r.user_threshold === null ? undefined : Number(r.user_threshold),
        restrictions: (restrictionsOf.get(r.id) ?? []).map((x) => x.text),
        sources: optionalSources(cited.get(r.id)),
      }),
    }));
  },

  async releases(db, _a, slugs) {
    const rows = await bySlug<ReleaseRow>(db, 'releases', slugs);
    const ids = rows.map((r) => r.id);
    const variantsOf = await childRows(db, 'release_variants', 'release_id', ids);
    const modalitiesOf = await childRows(db, 'release_modalities', 'release_id', ids);
    const comparisonsOf = await childRows(db, 'release_comparisons', 'release_id', ids);
    const some = slugs !== undefined;
    const [orgs, licenses, releases] = await Promise.all([
      slugsById(db, 'organizations', some ? rows.map((r) => r.organization_id) : 'all'),
      slugsById(db, 'licenses', some ? rows.map((r) => r.license_id) : 'all'),
      slugsById(
        db,
        'releases',
        some ? [...rows.map((r) => r.predecessor_id), ...[...comparisonsOf.values()].flat().map((c) => c.compared_release_id)] : 'all',
      ),
    ]);
    const cited = await citations(db, 'RELEASE', ids);
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      ...compact({
        slug: r.slug,
        name: r.name,
        title: r.title,
        artifactType: r.artifact_type as SeedRelease['artifactType'],
        family: opt(r.family),
        organization: orgs.get(r.organization_id)!,
        date: curatedDate(r.date, r.date_precision)!,
        summary: opt(r.summary),
        accessLevel: r.access_level as SeedRelease['accessLevel'],
        license: r.license_id === null ? undefined : licenses.get(r.license_id),
        variants: (variantsOf.get(r.id) ?? []).map((v) =>
          compact({
            name: v.name,
            parameterCount: v.parameter_count === null ? undefined : Number(v.parameter_count),
            activeParameterCount: v.active_parameter_count === null ? undefined : Number(v.active_parameter_count),
          }),
        ),
        modalities: (modalitiesOf.get(r.id) ?? []).map((m) => m.modality as SeedRelease['modalities'][number]),
        predecessor: r.predecessor_id === null ? undefined : releases.get(r.predecessor_id),
        comparedWith: (comparisonsOf.get(r.id) ?? []).map((c) => releases.get(c.compared_release_id)!),
        sources: cited.get(r.id) ?? [],
      }),
    }));
  },

  async policyPositions(db, _a, slugs) {
    const rows = await bySlug<PolicyPositionRow>(db, 'policy_positions', slugs);
    const ids = rows.map((r) => r.id);
    const some = slugs !== undefined;
    const [orgs, people] = await Promise.all([
      slugsById(db, 'organizations', some ? rows.flatMap((r) => [r.organization_id, r.actor_organization_id]) : 'all'),
      slugsById(db, 'people', some ? rows.map((r) => r.actor_person_id) : 'all'),
    ]);
    const argsOf = await childRows(db, 'position_arguments', 'position_id', ids);
    const cited = await citations(db, 'POLICY_POSITION', ids);
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      ...compact({
        slug: r.slug,
        title: r.title,
        date: curatedDate(r.date, r.date_precision)!,
        summary: opt(r.summary),
        actor: (r.actor_person_id !== null
          ? { person: people.get(r.actor_person_id)! }
          : { organization: orgs.get(r.actor_organization_id!)! }) as SeedPosition['actor'],
        organization: orgs.get(r.organization_id)!,
        topic: r.topic as SeedPosition['topic'],
        stance: r.stance as SeedPosition['stance'],
        quote: opt(r.quote),
        arguments: (argsOf.get(r.id) ?? []).map((x) => x.text),
        sources: cited.get(r.id) ?? [],
      }),
    }));
  },
};

export interface StoredRecord<K extends RecordKind> {
  id: number;
  version: number;
  value: SeedRecords[K];
}

/** Records of one kind in seed format, ordered by slug; all of them, or those with the given slugs. */
export async function readRecords<K extends RecordKind>(
  db: Db,
  a: DialectAdapter,
  kind: K,
  slugs?: readonly string[],
): Promise<StoredRecord<K>[]> {
  const rows = await (readers[kind] as Reader<K>)(db, a, slugs);
  return rows.map(({ id, version, ...value }) => ({ id, version, value: value as unknown as SeedRecords[K] }));
}

export async function readRecord<K extends RecordKind>(
  db: Db,
  a: DialectAdapter,
  kind: K,
  slug: string,
): Promise<StoredRecord<K> | undefined> {
  return (await readRecords(db, a, kind, [slug]))[0];
}

/** A stable text for comparing records: keys sorted at every level. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
