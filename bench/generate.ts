import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../src/db/adapter';
import { bumpDataVersion } from '../src/db/data-version';
import type { Database } from '../src/db/database';
import { OPEN_ACCESS_LEVELS, AccessLevels, PolicyTopics, Stances } from '../src/domain/vocabulary';
import { sourceKey } from '../src/sources/source.service';

/*
 * Synthetic data for growth measurements: (factor - 1) extra copies' worth of releases
 * and positions, spread over the seeded organizations and people and over 1990-2030,
 * each with a source (and releases with variants), so every relation has rows to load.
 * Deterministic: the same factor gives the same data.
 */

function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export async function addSyntheticData(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  factor: number,
): Promise<{ releases: number; positions: number }> {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const date = () => {
    const d = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 40 * 365) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const [orgs, people, licenses, seedReleases, seedPositions] = await Promise.all([
    db.selectFrom('organizations').select('id').execute(),
    db.selectFrom('people').select('id').execute(),
    db.selectFrom('licenses').select('id').execute(),
    db
      .selectFrom('releases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('policy_positions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const releaseCount = (factor - 1) * Number(seedReleases.n);
  const positionCount = (factor - 1) * Number(seedPositions.n);
  const chunk = 200;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < releaseCount; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, releaseCount - start) }, (_, i) => {
        const accessLevel = pick(AccessLevels.values);
        return {
          slug: `synthetic-release-${start + i}`,
          name: `Synthetic ${start + i}`,
          title: `Synthetic release ${start + i}`,
          artifact_type: 'MODEL' as const,
          family: 'Synthetic',
          organization_id: pick(orgs).id,
          date: date(),
          date_precision: 'DAY' as const,
          summary: 'Generated for benchmarks.',
          access_level: accessLevel,
          is_open: OPEN_ACCESS_LEVELS.includes(accessLevel),
          license_id: random() < 0.6 ? pick(licenses).id : null,
        };
      });
      const inserted = await trx.insertInto('releases').values(rows).returning('id').execute();
      await trx
        .insertInto('release_variants')
        .values(
          inserted.flatMap(({ id }) =>
            [0, 1].map((ordinal) => ({
              release_id: id,
              ordinal,
              name: `Size ${ordinal}`,
              parameter_count: (ordinal + 1) * 7e9,
              active_parameter_count: null,
            })),
          ),
        )
        .execute();
      const sources = await trx
        .insertInto('sources')
        .values(
          inserted.map(({ id }) => ({
            key: sourceKey(`https://example.org/r/${id}`),
            url: `https://example.org/r/${id}`,
            title: `Source for release ${id}`,
            publisher: 'Example',
            published_on: null,
            published_on_precision: null,
            accessed_on: null,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('citations')
        .values(
          inserted.map(({ id }, i) => ({
            subject_type: 'RELEASE' as const,
            subject_id: id,
            list: 'sources',
            source_id: sources[i].id,
            ordinal: 0,
          })),
        )
        .execute();
    }
    for (let start = 0; start < positionCount; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, positionCount - start) }, (_, i) => ({
        slug: `synthetic-position-${start + i}`,
        title: `Synthetic position ${start + i}`,
        date: date(),
        date_precision: 'DAY' as const,
        summary: 'Generated for benchmarks.',
        actor_person_id: pick(people).id,
        actor_organization_id: null,
        organization_id: pick(orgs).id,
        topic: pick(PolicyTopics.values),
        stance: pick(Stances.values),
        quote: null,
      }));
      const inserted = await trx.insertInto('policy_positions').values(rows).returning('id').execute();
      const sources = await trx
        .insertInto('sources')
        .values(
          inserted.map(({ id }) => ({
            key: sourceKey(`https://example.org/p/${id}`),
            url: `https://example.org/p/${id}`,
            title: `Source for position ${id}`,
            publisher: 'Example',
            published_on: null,
            published_on_precision: null,
            accessed_on: null,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('citations')
        .values(
          inserted.map(({ id }, i) => ({
            subject_type: 'POLICY_POSITION' as const,
            subject_id: id,
            list: 'sources',
            source_id: sources[i].id,
            ordinal: 0,
          })),
        )
        .execute();
    }
    await bumpDataVersion(trx);
  });
  return { releases: releaseCount, positions: positionCount };
}
