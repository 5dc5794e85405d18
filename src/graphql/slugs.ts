import type DataLoader from 'dataloader';
import { badArgument } from './errors';
import { echoList } from './echo';

/**
 * Slugs from a filter, as ids. An unknown slug is the client's mistake and is named in
 * the error, rather than silently matching nothing. Repeated slugs count once. A loader
 * that failed (the database is unreachable) is not an unknown slug: its error is thrown as
 * it is, so it reaches the client as the SERVICE_UNAVAILABLE it is and clients retry.
 */
export async function idsForSlugs(
  loader: DataLoader<string, { id: number } | null>,
  slugs: readonly string[] | null | undefined,
  argument: string,
  noun: string,
): Promise<number[] | null> {
  if (slugs == null) return null;
  const unique = [...new Set(slugs)];
  const rows = await loader.loadMany(unique);
  const failed = rows.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  const unknown = unique.filter((_, i) => !rows[i]);
  if (unknown.length) throw badArgument(argument, `unknown ${noun} slug(s): ${echoList(unknown)}.`);
  return rows.map((r) => (r as { id: number }).id);
}
