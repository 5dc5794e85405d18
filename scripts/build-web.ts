import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/*
 * Builds the page in web/ into dist/web/: one script and one stylesheet with content
 * hashes in their names (served with a year's max-age), and index.html pointing at them
 * (served no-cache). The type-check against the generated GraphQL types runs before this,
 * in `npm run build:web`.
 */

const root = path.join(__dirname, '..', '..');
const outDir = path.join(root, 'dist', 'web');

async function main(): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['web/src/main.ts'],
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  // Relative to index.html, so the built folder can be served under any path or origin.
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outDir, path.join(root, file)).split(path.sep).join('/'));
  const script = outputs.find((f) => f.endsWith('.js'));
  const styles = outputs.find((f) => f.endsWith('.css'));
  if (!script || !styles) throw new Error(`esbuild wrote no script or stylesheet: ${outputs.join(', ')}`);
  const html = fs.readFileSync(path.join(root, 'web', 'index.html'), 'utf8').replace('%SCRIPT%', script).replace('%STYLES%', styles);
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  console.log(`Built the page: dist/web/index.html, ${script}, ${styles}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
