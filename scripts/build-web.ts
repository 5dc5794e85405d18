import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/*
 * Builds the page in web/ into dist/web/ (index.html, and embed.html for iframes): one script and one stylesheet with content
 * hashes in their names (served with a year's max-age), and the HTML pointing at them
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
  const outputs = Object.keys(result.metafile.outputs).map((file) =>
    path.relative(outDir, path.join(root, file)).split(path.sep).join('/'),
  );
  const script = outputs.find((f) => f.endsWith('.js'));
  const styles = outputs.find((f) => f.endsWith('.css'));
  if (!script || !styles) throw new Error(`esbuild wrote no script or stylesheet: ${outputs.join(', ')}`);
  // The page and the embed share one script, one stylesheet and the timeline's markup
  // (web/timeline.html, without its leading comment); the embed's body says which it is.
  // The embed keeps the keyboard hint for screen readers only: it has no room for it.
  const timeline = fs.readFileSync(path.join(root, 'web', 'timeline.html'), 'utf8').replace(/^<!--.*?-->\n/, '');
  for (const [page, hintClass] of [
    ['index.html', 'hint'],
    ['embed.html', 'visually-hidden'],
  ] as const) {
    const html = fs
      .readFileSync(path.join(root, 'web', page), 'utf8')
      .replace('    %TIMELINE%\n', () => timeline.replace('%HINT_CLASS%', hintClass))
      .replace('%SCRIPT%', () => script)
      .replace('%STYLES%', () => styles);
    const left = /%[A-Z_]+%/.exec(html);
    if (left) throw new Error(`web/${page}: placeholder ${left[0]} was not filled`);
    fs.writeFileSync(path.join(outDir, page), html);
  }
  console.log(`Built the page: dist/web/index.html, dist/web/embed.html, ${script}, ${styles}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
