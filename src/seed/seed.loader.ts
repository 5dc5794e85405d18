import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { OWN_SOURCES, sourceListsOf, type RecordKind, type SeedRecords } from '../records/kind';
import { kindOf, RECORD_KINDS } from '../records/registry';
import { checkAgainst, memoryLookup } from '../records/rules';
import type { SeedSource } from './seed.fields';
import { PUBLISHERS_FILE, PublisherIndex, publishersFileSchema } from './seed.publishers';
import { seedFileSchema } from './seed.schema';
import { normalizeUrl } from './seed.urls';

export type DocPath = ReadonlyArray<string | number>;

/** One problem in the seed: where it is (file, line, path in the document) and why. */
export interface SeedIssue {
  file: string;
  line: number | null;
  column: number | null;
  path: string;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(
      `Seed rejected, nothing was written (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map(formatIssue).join('\n')}`,
    );
    this.name = 'SeedValidationError';
  }
}

export function formatIssue(issue: SeedIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}:${issue.column}`;
  return `  ${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

/** A record and where it was written. */
export interface Located<T> {
  value: T;
  file: string;
  path: DocPath;
}

export type SeedData = { [K in RecordKind]: Located<SeedRecords[K]>[] };

export interface SeedText {
  /** Shown in messages, e.g. `seed/releases-meta.yaml`. */
  name: string;
  text: string;
}

/** The record files of a seed directory: every YAML file but the publisher list. */
export function readSeedDir(dir: string): SeedText[] {
  if (!fs.existsSync(dir))
    throw new SeedValidationError([{ file: dir, line: null, column: null, path: '', message: 'seed directory not found' }]);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !isPublishersFile(f))
    .sort()
    .map((f) => ({ name: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** True for the publisher list's file name (`publishers.yaml`), which holds no records. */
export const isPublishersFile = (name: string) => path.basename(name) === PUBLISHERS_FILE;

/** The publisher list of a seed directory, if it has one. */
export function readPublishers(dir: string): SeedText | undefined {
  const file = path.join(dir, PUBLISHERS_FILE);
  return fs.existsSync(file) ? { name: file, text: fs.readFileSync(file, 'utf8') } : undefined;
}

export interface SeedOptions {
  /**
   * The publisher list (`publishers.yaml`). With it, every source's host must belong to a
   * listed publisher, its `publisher` label must name that publisher, and every event needs
   * a PRIMARY or PRESS source. Without it those rules are not checked.
   */
  publishers?: SeedText;
  /** Refuse a seed without a publisher list, naming where it was looked for (`seed:check`, `db:seed`). */
  requirePublishersAt?: string;
}

export function pathToString(p: DocPath): string {
  return p.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}

/** Finds the line of `p` in a document: the deepest node that exists along the path. */
function locate(doc: Document, lines: LineCounter, p: DocPath): { line: number; column: number } | null {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as YamlNode | null)?.range?.[0];
  for (const seg of p) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === seg);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg];
      offset = (node as YamlNode).range?.[0] ?? offset;
    } else break;
  }
  if (offset === undefined) return null;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Paths of every string (or key) holding NUL in a parsed document. */
function nulPaths(value: unknown, at: DocPath = []): DocPath[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...at, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k.includes('\u0000') ? [[...at, k]] : nulPaths(v, [...at, k])));
  }
  return [];
}

interface ParsedFile {
  name: string;
  doc: Document;
  lines: LineCounter;
  data: z.infer<typeof seedFileSchema>;
}

/**
 * Parses and validates every file, then checks the files together (duplicate slugs,
 * references, sources cited differently). Throws `SeedValidationError` listing every
 * problem found; returns data only when there is none.
 */
type At = (p: DocPath, message: string) => void;

/**
 * A YAML file parsed, with a reporter that puts a problem at the line of its path; null,
 * with the syntax errors reported, when the file is not YAML.
 */
function readYaml(file: SeedText, issues: SeedIssue[]): { doc: Document; lines: LineCounter; at: At } | null {
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at: At = (p, message) => {
    const pos = locate(doc, lines, p);
    issues.push({ file: file.name, line: pos?.line ?? null, column: pos?.column ?? null, path: pathToString(p), message });
  };
  if (!doc.errors.length) return { doc, lines, at };
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    issues.push({ file: file.name, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${err.message.split('\n')[0]}` });
  }
  return null;
}

/** A schema's complaints, each at its path: an unknown key by its name, a missing field as required. */
function reportSchemaIssues(error: z.ZodError, at: At): void {
  for (const issue of error.issues) {
    const base = issue.path as DocPath;
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) at([...base, key], `unknown key "${key}"`);
    else if (issue.code === 'invalid_type' && issue.input === undefined) at(base, 'is required');
    else at(base, issue.message);
  }
}

export function parseSeed(files: SeedText[], options: SeedOptions = {}): SeedData {
  const issues: SeedIssue[] = [];
  const parsed: ParsedFile[] = [];

  // A publishers.yaml among the files holds no records; the list the rules use is `options.publishers`.
  for (const file of files.filter((f) => !isPublishersFile(f.name))) {
    const read = readYaml(file, issues);
    if (!read) continue;
    const { doc, lines, at } = read;
    const json: unknown = doc.toJS() ?? {};
    // PostgreSQL cannot store NUL in text: a file holding one (YAML's "\0" escape) would pass
    // here and on SQLite, then fail the whole transaction of a PostgreSQL seed.
    const nuls = nulPaths(json);
    if (nuls.length) {
      for (const p of nuls) at(p, 'contains a NUL character (U+0000), which no field accepts (PostgreSQL cannot store it)');
      continue;
    }
    const result = seedFileSchema.safeParse(json);
    if (!result.success) {
      reportSchemaIssues(result.error, at);
      continue;
    }
    parsed.push({ name: file.name, doc, lines, data: result.data });
  }

  const located = Object.fromEntries(RECORD_KINDS.map((k) => [k, [] as Located<unknown>[]])) as unknown as SeedData;
  const where = new Map<Located<unknown>, ParsedFile>();
  for (const file of parsed) {
    for (const kind of RECORD_KINDS) {
      ((file.data[kind] ?? []) as unknown[]).forEach((value, i) => {
        const item: Located<unknown> = { value, file: file.name, path: [kind, i] };
        (located[kind] as Located<unknown>[]).push(item);
        where.set(item, file);
      });
    }
  }
  const at = (item: Located<unknown>, sub: DocPath, message: string) => {
    const file = where.get(item)!;
    const p = [...item.path, ...sub];
    const pos = locate(file.doc, file.lines, p);
    issues.push({ file: file.name, line: pos?.line ?? null, column: pos?.column ?? null, path: pathToString(p), message });
  };

  crossCheck(located, at);
  if (options.publishers) {
    const index = parsePublishers(options.publishers, issues);
    if (index) checkPublishers(located, index, at);
  } else if (options.requirePublishersAt) {
    issues.push({
      file: options.requirePublishersAt,
      line: null,
      column: null,
      path: '',
      message: `not found: the seed needs its publisher list (${PUBLISHERS_FILE}), which every source is checked against`,
    });
  }
  if (issues.length) throw new SeedValidationError(issues);
  return located;
}

/** Reads and validates the publisher list; problems go to `issues` (and no index is returned). */
function parsePublishers(file: SeedText, issues: SeedIssue[]): PublisherIndex | null {
  const read = readYaml(file, issues);
  if (!read) return null;
  const { doc, at } = read;
  const result = publishersFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    reportSchemaIssues(result.error, at);
    return null;
  }
  const before = issues.length;
  const labels = new Map<string, string>();
  const sites = new Map<string, string>();
  result.data.publishers.forEach((publisher, i) => {
    [publisher.name, ...(publisher.aliases ?? [])].forEach((label, j) => {
      const owner = labels.get(label);
      if (owner !== undefined)
        at(
          j === 0 ? ['publishers', i, 'name'] : ['publishers', i, 'aliases', j - 1],
          `"${label}" already names ${owner}: a label names one publisher`,
        );
      else labels.set(label, publisher.name);
    });
    publisher.sites.forEach((site, j) => {
      const owner = sites.get(site);
      if (owner !== undefined) at(['publishers', i, 'sites', j], `site "${site}" is already listed for ${owner}`);
      else sites.set(site, publisher.name);
    });
  });
  return issues.length === before ? new PublisherIndex(result.data.publishers) : null;
}

/**
 * The publisher rules: every source's host belongs to a listed publisher, which its label
 * (if any) names, and every event has a source from a PRIMARY or PRESS publisher.
 */
function checkPublishers(data: SeedData, index: PublisherIndex, at: Report): void {
  for (const kind of RECORD_KINDS) {
    const event = kindOf(kind).timeline !== undefined;
    for (const item of data[kind] as Located<SeedRecords[RecordKind]>[]) {
      let cited = false;
      for (const { list, path, sources } of sourceListsOf(kindOf(kind), item.value)) {
        sources.forEach((source, i) => {
          const publisher = index.publisherOf(source.url);
          if (!publisher) {
            at(
              item,
              [...path, i, 'url'],
              `the host of ${source.url} belongs to no publisher in ${PUBLISHERS_FILE}: cite the original document at its publisher's own address (aggregators, summary sites, content farms, mirrors and republications are never listed), or list its publisher there`,
            );
            return;
          }
          // An event's own sources must include a PRIMARY or PRESS one; nested lists back one part of it.
          if (list === OWN_SOURCES) cited ||= publisher.class === 'PRIMARY' || publisher.class === 'PRESS';
          if (source.publisher !== undefined && !PublisherIndex.names(publisher, source.publisher))
            at(
              item,
              [...path, i, 'publisher'],
              `publisher "${source.publisher}" is not the one ${source.url} belongs to: its host is ${publisher.name}'s (write ${[publisher.name, ...(publisher.aliases ?? [])].map((l) => JSON.stringify(l)).join(' or ')})`,
            );
        });
      }
      if (event && !cited)
        at(
          item,
          ['sources'],
          `a ${kindOf(kind).noun} needs at least one source from a PRIMARY or PRESS publisher listed in ${PUBLISHERS_FILE}; it has none`,
        );
    }
  }
}

type Report = (item: Located<unknown>, sub: DocPath, message: string) => void;

/** The checks across files: duplicate slugs, every kind's rules (references included), one set of details per source URL. */
function crossCheck(data: SeedData, at: Report): void {
  for (const kind of RECORD_KINDS) {
    const { noun } = kindOf(kind);
    const first = new Map<string, Located<unknown>>();
    for (const item of data[kind] as Located<{ slug: string }>[]) {
      const earlier = first.get(item.value.slug);
      if (earlier)
        at(
          item,
          ['slug'],
          `duplicate ${noun} slug "${item.value.slug}", first defined in ${earlier.file} at ${pathToString(earlier.path)}`,
        );
      else first.set(item.value.slug, item);
    }
  }

  const lookup = memoryLookup(
    Object.fromEntries(RECORD_KINDS.map((kind) => [kind, (data[kind] as Located<unknown>[]).map((item) => item.value)])) as {
      [K in RecordKind]: Array<SeedRecords[K]>;
    },
  );
  for (const kind of RECORD_KINDS) {
    for (const item of data[kind] as Located<SeedRecords[typeof kind]>[]) {
      for (const problem of checkAgainst(kind, item.value, lookup)) at(item, problem.path, problem.message);
    }
  }

  // The same URL is one source: its details must agree wherever it is cited. One document
  // is one URL: two URLs that normalize alike are the same document written two ways.
  const seen = new Map<string, { source: SeedSource; item: Located<unknown> }>();
  const documents = new Map<string, { source: SeedSource; item: Located<unknown> }>();
  for (const kind of RECORD_KINDS) {
    for (const item of data[kind] as Located<SeedRecords[RecordKind]>[]) {
      for (const { path, sources } of sourceListsOf(kindOf(kind), item.value)) {
        sources.forEach((source, i) => {
          const normalized = normalizeUrl(source.url);
          const document = documents.get(normalized);
          if (!document) documents.set(normalized, { source, item });
          else if (document.source.url !== source.url)
            at(
              item,
              [...path, i, 'url'],
              `${source.url} is the same document as ${document.source.url} (cited in ${document.item.file} at ${pathToString(document.item.path)}): cite it with one URL`,
            );
          const first = seen.get(source.url);
          if (!first) return void seen.set(source.url, { source, item });
          for (const field of ['title', 'publisher', 'publishedOn', 'accessedOn', 'archiveUrl'] as const) {
            if (first.source[field] !== source[field]) {
              at(
                item,
                [...path, i, field],
                `source ${source.url} is cited with ${field} ${JSON.stringify(source[field])} here but ${JSON.stringify(first.source[field])} in ${first.item.file} at ${pathToString(first.item.path)}`,
              );
            }
          }
        });
      }
    }
  }
}

/**
 * Reads and validates a seed directory. `publishers` says whether its sources are checked
 * against its publisher list: `require` (seed:check, db:seed: a directory without one is
 * refused), `when-present` (start-up seeding), or, left out, not at all (tests, and the
 * read-back of an export, which writes what the store holds).
 */
export function loadSeedDir(dir: string, { publishers: mode }: { publishers?: 'require' | 'when-present' } = {}): SeedData {
  const publishers = mode ? readPublishers(dir) : undefined;
  return parseSeed(readSeedDir(dir), {
    ...(publishers ? { publishers } : {}),
    ...(mode === 'require' ? { requirePublishersAt: path.join(dir, PUBLISHERS_FILE) } : {}),
  });
}
