import type { Transaction } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type { Database } from '../db/database';
import { sourceListsOf, type Path, type RecordKind, type SeedRecords, type SourceList } from '../records/kind';
import { curatedDate } from '../records/read-kit';
import { kindOf, KINDS } from '../records/registry';
import { checkAgainst, storeLookup } from '../records/rules';
import type { SeedSource } from '../seed/seed.fields';
import { normalizeUrl } from '../seed/seed.urls';
import { userError, type UserError } from './user-error';

/*
 * A record written through the API passes the same rules as a seed file: the seed's zod
 * schema (types, enums, dates, URLs, lengths) and then the rules that need the rest of
 * the data (references, OSI licenses for OPEN_SOURCE, one set of details per source URL).
 * Every problem is reported, each with the path of the input field at fault.
 */

type Trx = Transaction<Database>;

const at = (path: ReadonlyArray<PropertyKey>) => ['input', ...path.map(String)];

/** Checks a candidate record's shape; returns the parsed record or the problems. */
export function parseRecord<K extends RecordKind>(kind: K, candidate: unknown): { value: SeedRecords[K] } | { errors: UserError[] } {
  const result = kindOf(kind).schema.safeParse(candidate);
  if (result.success) return { value: result.data };
  return {
    errors: result.error.issues.map((issue) =>
      userError(at(issue.path), issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message, 'INVALID'),
    ),
  };
}

/**
 * The rules that look beyond the record itself. The records of other kinds it refers to
 * are held first, so none is renamed or deleted between these checks and the commit: the
 * search text built from their names stays true, and a delete sees this record as a
 * reference.
 */
export async function checkRecord<K extends RecordKind>(trx: Trx, a: DialectAdapter, kind: K, value: SeedRecords[K]): Promise<UserError[]> {
  const held = new Map<RecordKind, Set<string>>();
  for (const ref of kindOf(kind).references) {
    // Not the record's own kind: two records naming each other, updated at once, would each wait on the other.
    if (ref.target === kind) continue;
    const slugs = held.get(ref.target) ?? held.set(ref.target, new Set()).get(ref.target)!;
    for (const { slug } of ref.slugs(value)) slugs.add(slug);
  }
  // In one order (the registry's, then by slug), so two writers cannot wait on each other in a cycle.
  for (const def of KINDS) {
    const slugs = held.get(def.key);
    if (slugs) await a.holdRows(trx, def.table, [...slugs].sort());
  }
  const problems = checkAgainst(kind, value, await storeLookup(trx, kind, value));
  const errors = problems.map((p) => userError(at(p.path), p.message, p.code));
  const lists = sourceListsOf(kindOf(kind), value);
  const before = errors.length;
  for (const { path, sources } of lists) errors.push(...(await checkSources(trx, [...path], sources)));
  // Stored URLs agree with their rows by now; what is left is a new URL cited in two lists.
  if (errors.length === before) errors.push(...checkAcrossLists(lists));
  return errors;
}

const DETAILS = ['title', 'publisher', 'publishedOn', 'accessedOn', 'archiveUrl'] as const;

/**
 * One URL, one set of details, across a record's lists too (a release's `sources` and
 * `openness.sources` may cite the same document): a new URL's details given in one list
 * and left out in another are filled in (in place); given differently, they are refused.
 * One document is written with one URL in all of them.
 */
function checkAcrossLists(lists: SourceList[]): UserError[] {
  const errors: UserError[] = [];
  const byUrl = new Map<string, Array<{ source: SeedSource; path: Path }>>();
  const byDocument = new Map<string, { url: string; list: string }>();
  for (const { list, path, sources } of lists) {
    for (const [i, s] of sources.entries()) {
      const document = normalizeUrl(s.url);
      const first = byDocument.get(document);
      if (!first) byDocument.set(document, { url: s.url, list });
      else if (first.list !== list && first.url !== s.url)
        errors.push(
          userError(
            at([...path, i, 'url']),
            `${s.url} is the same document as ${first.url} in ${first.list}: cite it with one URL`,
            'INVALID',
          ),
        );
      const cited = byUrl.get(s.url) ?? byUrl.set(s.url, []).get(s.url)!;
      cited.push({ source: s, path: [...path, i] });
    }
  }
  for (const cited of byUrl.values()) {
    if (cited.length < 2) continue;
    for (const field of DETAILS) {
      const given = cited.find((c) => c.source[field] !== undefined);
      if (!given) continue;
      for (const c of cited) {
        if (c.source[field] === undefined) Object.assign(c.source, { [field]: given.source[field] });
        else if (c.source[field] !== given.source[field])
          errors.push(
            userError(
              at([...c.path, field]),
              `${c.source.url} is cited with ${field} ${JSON.stringify(given.source[field])} at ${given.path.join('.')}; cite it with the same ${field} (or leave it out)`,
              'INVALID',
            ),
          );
      }
    }
  }
  return errors;
}

/**
 * One URL is one source: a citation of a known URL must agree with its stored details,
 * and fields it leaves out are filled in from them (in place), so every citation agrees.
 */
export async function checkSources(trx: Trx, path: Array<string | number>, sources: SeedSource[]): Promise<UserError[]> {
  const errors: UserError[] = [];
  const seen = new Map<string, number>();
  // One document is one source however its URL is written: the stored URLs by their normalized form.
  let storedByDocument: Map<string, string> | undefined;
  for (const [i, s] of sources.entries()) {
    const document = normalizeUrl(s.url);
    if (seen.has(document))
      errors.push(
        userError(at([...path, i, 'url']), `${s.url} is already cited at position ${seen.get(document)} of this list`, 'INVALID'),
      );
    seen.set(document, i);
    const stored = await trx.selectFrom('sources').selectAll().where('url', '=', s.url).executeTakeFirst();
    if (!stored) {
      storedByDocument ??= new Map(
        (await trx.selectFrom('sources').select('url').execute()).map((r) => [normalizeUrl(r.url), r.url] as const),
      );
      const same = storedByDocument.get(document);
      if (same)
        errors.push(
          userError(at([...path, i, 'url']), `${s.url} is the same document as the source ${same}: cite it with that URL`, 'INVALID'),
        );
      continue;
    }
    const current = {
      title: stored.title,
      publisher: stored.publisher ?? undefined,
      publishedOn: curatedDate(stored.published_on, stored.published_on_precision),
      accessedOn: curatedDate(stored.accessed_on, stored.accessed_on_precision ?? 'DAY'),
      archiveUrl: stored.archive_url ?? undefined,
    };
    for (const field of DETAILS) {
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
