import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type { Database } from '../db/database';
import { canonical, readRecords, RECORD_KINDS } from '../curation/records';
import { formatSeedFile } from './seed.format';
import { planFiles, readLayout, SeedExportError, type AllRecords } from './seed.layout';
import { parseSeed } from './seed.loader';
import { PUBLISHERS_FILE } from './seed.publishers';

/*
 * `seed:export`: the store's records written back as seed files, for curators to review
 * API edits in git. The new files are checked before any old one is replaced: they must
 * pass the seed's own validation and parse back to exactly the records read from the
 * store. Each file is then written to a temporary name and renamed over the old one, so
 * a file is either the old text or the new, never half-written.
 */

export interface ExportReport {
  dir: string;
  files: Array<{ name: string; records: number; written: boolean }>;
  records: Record<keyof AllRecords, number>;
}

async function readAll(db: Kysely<Database>, adapter: DialectAdapter): Promise<AllRecords> {
  const entries = await Promise.all(
    RECORD_KINDS.map(async (kind) => [kind, (await readRecords(db, adapter, kind)).map((r) => r.value)] as const),
  );
  return Object.fromEntries(entries) as unknown as AllRecords;
}

/** Opens the target directory, creating it if needed; refuses anything that is not a directory. */
function targetDir(dir: string): string {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new SeedExportError(`${dir} is not a directory`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new SeedExportError(
      `cannot create the output directory ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return dir;
}

/** The new files must validate and read back as the store's records, or nothing is written. */
function check(texts: Array<{ name: string; text: string }>, records: AllRecords): void {
  const parsed = parseSeed(texts);
  for (const kind of RECORD_KINDS) {
    const back = new Map(parsed[kind].map((item) => [item.value.slug, canonical(item.value)]));
    const lost = records[kind].find((record) => back.get(record.slug) !== canonical(record));
    if (lost || back.size !== records[kind].length)
      throw new SeedExportError(`the written ${kind} would not read back as stored${lost ? ` ("${lost.slug}")` : ''}`);
  }
}

/** Writes every changed file to a temporary name first, then renames them into place. */
function replaceFiles(files: Array<{ file: string; text: string }>): void {
  const temporary = files.map(({ file }) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`));
  try {
    files.forEach(({ text }, i) => {
      const fd = fs.openSync(temporary[i], 'w');
      try {
        fs.writeFileSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
    files.forEach(({ file }, i) => fs.renameSync(temporary[i], file));
  } finally {
    for (const tmp of temporary) fs.rmSync(tmp, { force: true });
  }
}

/**
 * The publisher list is not in the store: an export leaves the target's list alone, and
 * gives a directory without one a copy of `publishersFrom`'s (the seed directory), so the
 * exported directory is a whole seed that `seed:check` can read.
 */
function publisherList(dir: string, publishersFrom: string): { present: boolean; copy: { name: string; text: string } | null } {
  const target = path.join(dir, PUBLISHERS_FILE);
  if (fs.existsSync(target)) return { present: true, copy: null };
  const from = path.join(publishersFrom, PUBLISHERS_FILE);
  if (!fs.existsSync(from)) return { present: false, copy: null };
  return { present: true, copy: { name: target, text: fs.readFileSync(from, 'utf8') } };
}

export async function exportSeed(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  dir: string,
  { publishersFrom = 'seed' }: { publishersFrom?: string } = {},
): Promise<ExportReport> {
  const records = await readAll(db, adapter);
  const plan = planFiles(readLayout(targetDir(dir)), records);
  const texts = plan.map((f) => ({ name: path.join(dir, f.name), text: formatSeedFile(f.sections) }));
  check(texts, records);
  const current = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  const changed = texts.filter(({ name, text }) => current(name) !== text);
  const publishers = publisherList(dir, publishersFrom);
  replaceFiles([...changed, ...(publishers.copy ? [publishers.copy] : [])].map(({ name, text }) => ({ file: name, text })));
  const files = plan.map((f, i) => ({
    name: f.name,
    records: f.sections.reduce((n, s) => n + s.records.length, 0),
    written: changed.includes(texts[i]),
  }));
  if (publishers.present) files.push({ name: PUBLISHERS_FILE, records: 0, written: publishers.copy !== null });
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    dir,
    files,
    records: Object.fromEntries(RECORD_KINDS.map((kind) => [kind, records[kind].length])) as ExportReport['records'],
  };
}
