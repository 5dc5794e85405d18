import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openStore } from '../src/db/connect';
import { isEmpty } from '../src/seed/seed.apply';
import { exportSeed } from '../src/seed/seed.export';
import { SeedExportError } from '../src/seed/seed.layout';
import { PUBLISHERS_FILE } from '../src/seed/seed.publishers';
import { runScript } from './cli';

const USAGE = 'Usage: npm run seed:export [-- --out DIR]';

/**
 * Writes the records of the store DATABASE_URL names back as seed files: into SEED_DIR
 * (`seed/`) by default, or DIR. Each record stays in the file it is in; `git diff` then
 * shows exactly what was edited through the API.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } }, strict: true, allowPositionals: false });
  if (values.help) return void console.log(USAGE);
  if (values.out === '') throw new SeedExportError('--out needs a directory');
  const config = loadConfig();
  const dir = values.out ?? config.seedDir;
  const { store: target } = config;
  // Opening a SQLite file that is not there would create an empty store and export nothing.
  if (target.dialect === 'sqlite' && target.filename !== ':memory:' && !fs.existsSync(target.filename)) {
    throw new SeedExportError(`there is no database at ${target.filename}; set DATABASE_URL to the store to export`);
  }
  const store = openStore(target);
  try {
    if (await isEmpty(store.db)) throw new SeedExportError('the store holds no records; set DATABASE_URL to the store to export');
    const report = await exportSeed(store.db, store.adapter, dir, { publishersFrom: config.seedDir });
    for (const file of report.files)
      console.log(
        `${file.written ? 'wrote    ' : 'unchanged'} ${file.name} (${file.name === PUBLISHERS_FILE ? 'the publisher list' : `${file.records} records`})`,
      );
    console.log(
      `Exported ${Object.entries(report.records)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')} to ${dir}.`,
    );
  } finally {
    await store.close();
  }
}

runScript(main, USAGE);
