import { createHash } from 'node:crypto';
import type { CitationSubject, SourceRow } from '../db/database';
import type { Context } from '../app/context';
import { toGlobalId } from '../graphql/relay/global-id';
import { Source } from './source.type';

/** A source's stable key: its URL hashed, so ids agree across stores and re-seeds. */
export function sourceKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

export function toSource(row: SourceRow): Source {
  return Object.assign(new Source(), {
    dbId: row.id,
    id: toGlobalId('Source', row.key),
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    publishedOn: row.published_on,
    publishedOnPrecision: row.published_on_precision,
    accessedOn: row.accessed_on,
    archiveUrl: row.archive_url,
  });
}

/** A record's sources: its own, or those of a nested list (`openness.sources`). */
export async function sourcesOf(ctx: Context, subject: CitationSubject, subjectId: number, list?: string): Promise<Source[]> {
  return (await ctx.loaders.sources.citedBy(subject, list).load(subjectId)).map(toSource);
}

export async function sourceByKey(ctx: Context, key: string): Promise<Source | null> {
  const row = await ctx.loaders.sources.byKey.load(key);
  return row && toSource(row);
}
