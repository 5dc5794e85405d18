import type DataLoader from 'dataloader';
import { badArgument } from './errors';

/**
 * Slugs from a filter, as ids. An unknown slug is the client's mistake and is named in
 * the error, rather than silently matching nothing.
 */
export async function idsForSlugs(
  loader: DataLoader<string, { id: number } | null>,
  slugs: readonly string[] | null | undefined,
  argument: string,
  noun: string,
): Promise<number[] | null> {
  if (slugs == null) return null;
  const rows = await loader.loadMany(slugs);
  const unknown = slugs.filter((_, i) => !rows[i] || rows[i] instanceof Error);
  if (unknown.length) throw badArgument(argument, `unknown ${noun} slug(s): ${unknown.map((s) => JSON.stringify(s)).join(', ')}.`);
  return rows.map((r) => (r as { id: number }).id);
}
