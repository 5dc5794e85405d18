import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RECORD_KINDS } from '../../src/records/registry';

/* `npm run seed:check` as a curator runs it: the built script, in a process of its own. */

const run = promisify(execFile);
const CHECK = path.join(__dirname, '..', '..', 'dist', 'scripts', 'seed-check.js');

describe('seed:check', () => {
  it('passes the committed seed and counts its records', async () => {
    const { stdout } = await run(process.execPath, [CHECK, 'seed']);
    // Every kind in the registry, counted, in its order.
    expect(stdout).toMatch(new RegExp(`^Seed OK \\(seed\\): ${RECORD_KINDS.map((kind) => `[1-9]\\d* ${kind}`).join(', ')}\\.$`, 'm'));
  });

  it('exits 1 naming the file, line and field of a broken record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-check-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'licenses.yaml'),
        'licenses:\n  - slug: x\n    name: X\n    osiApproved: maybe\n    allowsCommercialUse: true\n',
      );
      const failed = await run(process.execPath, [CHECK, dir]).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(/licenses\.yaml:4:\d+ licenses\[0\]\.osiApproved: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
