import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Parser } from 'yaml';
import type { RecordKind, SeedRecords } from '../records/kind';
import { kindOf, RECORD_KINDS } from '../records/registry';
import type { Section } from './seed.format';
import { PUBLISHERS_FILE } from './seed.publishers';

/*
 * Which record lives in which seed file, learned from the files already in the target
 * directory, so an export keeps every record in its file and in its place there. Records
 * the files do not have yet go to their natural file (`naturalFile`); records the store no
 * longer has drop out.
 */

/** A problem with the export's target or its files; nothing was written. */
export class SeedExportError extends Error {
  constructor(message: string) {
    super(`Export refused, nothing was written: ${message}`);
    this.name = 'SeedExportError';
  }
}

export interface FileLayout {
  /** The file's name inside the directory, e.g. `releases-meta.yaml`. */
  name: string;
  sections: Array<{ kind: RecordKind; slugs: string[] }>;
}

/** The record files of a seed directory: its YAML files, but not the publisher list, which an export leaves alone. */
export const isSeedFileName = (name: string) => /\.ya?ml$/.test(name) && !name.startsWith('.') && name !== PUBLISHERS_FILE;

/** Where the first YAML comment in `text` starts, if there is one (found in the concrete syntax tree). */
function firstComment(text: string): number | null {
  const offsets: number[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const token = node as { type?: string; offset?: number };
    if (token.type === 'comment' && token.offset !== undefined) offsets.push(token.offset);
    Object.values(node).forEach(walk);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return offsets.length ? Math.min(...offsets) : null;
}

/** The seed files of `dir` and the slugs in each, in file order. */
export function readLayout(dir: string): FileLayout[] {
  return fs
    .readdirSync(dir)
    .filter(isSeedFileName)
    .sort()
    .map((name) => {
      const lines = new LineCounter();
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const doc = parseDocument(text, { lineCounter: lines });
      const at = (offset: number) => `${path.join(dir, name)}:${lines.linePos(offset).line}:${lines.linePos(offset).col}`;
      const error = doc.errors[0];
      if (error) throw new SeedExportError(`${at(error.pos[0])} is not valid YAML (${error.message.split('\n')[0]}); fix or move it first`);
      // The exporter writes records, not comments: it must not drop what a curator wrote there.
      const comment = firstComment(text);
      if (comment !== null)
        throw new SeedExportError(
          `${at(comment)} has a YAML comment, which an export would drop; move what it says into a record's summary (with its source) or docs/seed-format.md, then export again`,
        );
      if (doc.contents === null) return { name, sections: [] };
      if (!isMap(doc.contents))
        throw new SeedExportError(`${path.join(dir, name)} is not a seed file: its top level is not a map of ${RECORD_KINDS.join(', ')}`);
      const sections = doc.contents.items.map((pair) => {
        const kind = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!(RECORD_KINDS as readonly string[]).includes(kind))
          throw new SeedExportError(`${path.join(dir, name)} is not a seed file: unknown top-level key "${kind}"`);
        const items = isSeq(pair.value) ? pair.value.items : [];
        const slugs = items.flatMap((item) => {
          const slug: unknown = isMap(item) ? item.get('slug') : undefined;
          return typeof slug === 'string' ? [slug] : [];
        });
        return { kind: kind as RecordKind, slugs };
      });
      return { name, sections };
    });
}

/** Where a record goes when no file holds it yet. */
export function naturalFile<K extends RecordKind>(kind: K, record: SeedRecords[K]): string {
  return kindOf(kind).seedFile(record);
}

export type AllRecords = { [K in RecordKind]: Array<SeedRecords[K]> };
export interface PlannedFile {
  name: string;
  sections: Section[];
}

/** The files to write: the layout's files with the store's records in place, new records appended. */
export function planFiles(layout: FileLayout[], records: AllRecords): PlannedFile[] {
  const files = new Map<string, Map<RecordKind, Section>>();
  const sectionOf = (name: string, kind: RecordKind) => {
    const sections = files.get(name) ?? files.set(name, new Map()).get(name)!;
    return sections.get(kind) ?? sections.set(kind, { kind, records: [] }).get(kind)!;
  };
  const placed = new Set<string>();
  const bySlug = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, new Map(records[kind].map((r) => [r.slug, r]))])) as {
    [K in RecordKind]: Map<string, SeedRecords[K]>;
  };
  for (const file of layout) {
    for (const { kind, slugs } of file.sections) {
      const section = sectionOf(file.name, kind);
      for (const slug of slugs) {
        const record = bySlug[kind].get(slug);
        if (!record || placed.has(`${kind}:${slug}`)) continue;
        placed.add(`${kind}:${slug}`);
        section.records.push(record);
      }
    }
  }
  for (const kind of RECORD_KINDS) {
    for (const record of records[kind]) {
      if (!placed.has(`${kind}:${record.slug}`)) sectionOf(naturalFile(kind, record), kind).records.push(record);
    }
  }
  return [...files]
    .map(([name, sections]) => ({ name, sections: [...sections.values()] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
