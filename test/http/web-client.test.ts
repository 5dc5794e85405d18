import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/*
 * The page's typed operations (web/src/operations/*.graphql) are generated into
 * web/src/gql/ from schema/schema.graphql and committed. Here the codegen CLI runs again
 * into a scratch folder and must give the committed files: a schema change that breaks
 * an operation fails here (codegen validates every operation against the schema), and
 * one that changes a type the page uses fails the build's type-check of web/ once the
 * files are regenerated. (The CLI runs as a process: jest on Node 20 cannot load its ESM
 * dependencies.)
 */

const root = path.join(__dirname, '..', '..');
const committedDir = path.join(root, 'web', 'src', 'gql');
let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

it('web/src/gql/ is what codegen makes from the schema and the operations (run `npm run codegen`)', () => {
  const config = parse(fs.readFileSync(path.join(root, 'web', 'codegen.yml'), 'utf8'));
  const [target] = Object.keys(config.generates);
  expect(path.resolve(root, target)).toBe(committedDir);
  const scratchConfig = path.join(scratch, 'codegen.yml');
  fs.writeFileSync(scratchConfig, stringify({ ...config, generates: { [`${scratch}/gql/`]: config.generates[target] } }));
  try {
    execFileSync(path.join(root, 'node_modules', '.bin', 'graphql-codegen'), ['--config', scratchConfig, '--verbose'], {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    throw new Error(`codegen failed: an operation no longer fits the schema?\n${stdout}\n${stderr}`);
  }

  const generated = fs.readdirSync(path.join(scratch, 'gql')).sort();
  expect(fs.readdirSync(committedDir).sort()).toEqual(generated);
  for (const file of generated) {
    expect(fs.readFileSync(path.join(committedDir, file), 'utf8')).toBe(fs.readFileSync(path.join(scratch, 'gql', file), 'utf8'));
  }
}, 60_000);
