import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { parseCuratedDate } from '../domain/dates';
import {
  seedFileSchema,
  type SeedLicense,
  type SeedOrganization,
  type SeedPerson,
  type SeedPosition,
  type SeedRelease,
  type SeedSource,
} from './seed.schema';

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
    super(`Seed rejected, nothing was written (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map(formatIssue).join('\n')}`);
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

export interface SeedData {
  organizations: Located<SeedOrganization>[];
  people: Located<SeedPerson>[];
  licenses: Located<SeedLicense>[];
  releases: Located<SeedRelease>[];
  policyPositions: Located<SeedPosition>[];
}

export interface SeedText {
  /** Shown in messages, e.g. `seed/releases-meta.yaml`. */
  name: string;
  text: string;
}

export function readSeedDir(dir: string): SeedText[] {
  if (!fs.existsSync(dir)) throw new SeedValidationError([{ file: dir, line: null, column: null, path: '', message: 'seed directory not found' }]);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
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

type Kind = keyof SeedData;
const KINDS: Kind[] = ['organizations', 'people', 'licenses', 'releases', 'policyPositions'];

/**
 * Parses and validates every file, then checks the files together (duplicate slugs,
 * references, sources cited differently). Throws `SeedValidationError` listing every
 * problem found; returns data only when there is none.
 */
export function parseSeed(files: SeedText[]): SeedData {
  const issues: SeedIssue[] = [];
  const parsed: ParsedFile[] = [];

  for (const file of files) {
    const lines = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const at = (p: DocPath, message: string) => {
      const pos = locate(doc, lines, p);
      issues.push({ file: file.name, line: pos?.line ?? null, column: pos?.column ?? null, path: pathToString(p), message });
    };
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const pos = lines.linePos(err.pos[0]);
        issues.push({ file: file.name, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${err.message.split('\n')[0]}` });
      }
      continue;
    }
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
      for (const issue of result.error.issues) {
        const base = issue.path as DocPath;
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) at([...base, key], `unknown key "${key}"`);
        } else if (issue.code === 'invalid_type' && issue.input === undefined) {
          at(base, 'is required');
        } else {
          at(base, issue.message);
        }
      }
      continue;
    }
    parsed.push({ name: file.name, doc, lines, data: result.data });
  }

  const located = Object.fromEntries(KINDS.map((k) => [k, [] as Located<unknown>[]])) as unknown as SeedData;
  const where = new Map<Located<unknown>, ParsedFile>();
  for (const file of parsed) {
    for (const kind of KINDS) {
      (file.data[kind] ?? []).forEach((value, i) => {
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
  if (issues.length) throw new SeedValidationError(issues);
  return located;
}

type Report = (item: Located<unknown>, sub: DocPath, message: string) => void;

function crossCheck(data: SeedData, at: Report): void {
  const index = <T extends { slug: string }>(kind: string, items: Located<T>[]) => {
    const bySlug = new Map<string, Located<T>>();
    for (const item of items) {
      const first = bySlug.get(item.value.slug);
      if (first) at(item, ['slug'], `duplicate ${kind} slug "${item.value.slug}", first defined in ${first.file} at ${pathToString(first.path)}`);
      else bySlug.set(item.value.slug, item);
    }
    return bySlug;
  };
  const orgs = index('organization', data.organizations);
  const people = index('person', data.people);
  const licenses = index('license', data.licenses);
  const releases = index('release', data.releases);
  index('policy position', data.policyPositions);

  const ref = (item: Located<unknown>, sub: DocPath, table: Map<string, unknown>, kind: string, value: string | undefined) => {
    if (value !== undefined && !table.has(value)) at(item, sub, `unknown ${kind} "${value}": no ${kind} with that slug in any seed file`);
  };
  const dateOrder = (item: Located<unknown>, sub: DocPath, start: string | undefined, end: string | undefined) => {
    if (start && end && parseCuratedDate(end)!.date < parseCuratedDate(start)!.date) at(item, sub, `ends (${end}) before it starts (${start})`);
  };

  for (const person of data.people) {
    person.value.roles.forEach((role, i) => {
      ref(person, ['roles', i, 'organization'], orgs, 'organization', role.organization);
      dateOrder(person, ['roles', i, 'endedOn'], role.startedOn, role.endedOn);
    });
  }
  for (const release of data.releases) {
    const r = release.value;
    ref(release, ['organization'], orgs, 'organization', r.organization);
    ref(release, ['license'], licenses, 'license', r.license);
    ref(release, ['predecessor'], releases, 'release', r.predecessor);
    r.comparedWith.forEach((slug, i) => ref(release, ['comparedWith', i], releases, 'release', slug));
    if (r.predecessor === r.slug) at(release, ['predecessor'], 'a release cannot be its own predecessor');
    if (r.comparedWith.includes(r.slug)) at(release, ['comparedWith'], 'a release cannot be compared with itself');
    const predecessor = r.predecessor ? releases.get(r.predecessor) : undefined;
    if (predecessor && parseCuratedDate(predecessor.value.date)!.date > parseCuratedDate(r.date)!.date) {
      at(release, ['predecessor'], `predecessor "${r.predecessor}" (${predecessor.value.date}) is dated after this release (${r.date})`);
    }
    // "Open source" is decided by the license, never by a press release.
    const license = r.license ? licenses.get(r.license) : undefined;
    if (r.accessLevel === 'OPEN_SOURCE' && !license) at(release, ['accessLevel'], 'OPEN_SOURCE needs a license: name the OSI-approved license it was released under');
    if (r.accessLevel === 'OPEN_SOURCE' && license && !license.value.osiApproved) {
      at(release, ['accessLevel'], `OPEN_SOURCE needs an OSI-approved license, but "${r.license}" is not; use OPEN_WEIGHTS or GATED_WEIGHTS`);
    }
  }
  for (const position of data.policyPositions) {
    const p = position.value;
    if ('person' in p.actor) ref(position, ['actor', 'person'], people, 'person', p.actor.person);
    else ref(position, ['actor', 'organization'], orgs, 'organization', p.actor.organization);
    ref(position, ['organization'], orgs, 'organization', p.organization);
  }

  // The same URL is one source: its details must agree wherever it is cited.
  const seen = new Map<string, { source: SeedSource; item: Located<unknown> }>();
  for (const kind of KINDS) {
    for (const item of data[kind] as Located<{ sources?: SeedSource[] }>[]) {
      (item.value.sources ?? []).forEach((source, i) => {
        const first = seen.get(source.url);
        if (!first) return void seen.set(source.url, { source, item });
        for (const field of ['title', 'publisher', 'publishedOn', 'accessedOn'] as const) {
          if (first.source[field] !== source[field]) {
            at(item, ['sources', i, field], `source ${source.url} is cited with ${field} ${JSON.stringify(source[field])} here but ${JSON.stringify(first.source[field])} in ${first.item.file} at ${pathToString(first.item.path)}`);
          }
        }
      });
    }
  }
}

/** Reads and validates a seed directory. */
export function loadSeedDir(dir: string): SeedData {
  return parseSeed(readSeedDir(dir));
}
