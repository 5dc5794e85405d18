import { loadSeedDir, SeedValidationError } from '../src/seed/seed.loader';

/** Validates seed/*.yaml without a database; exit 1 with every problem listed. */
const dir = process.argv[2] ?? process.env.SEED_DIR ?? 'seed';
try {
  const data = loadSeedDir(dir, { publishers: 'require' });
  const counts = Object.entries(data).map(([kind, items]) => `${items.length} ${kind}`);
  console.log(`Seed OK (${dir}): ${counts.join(', ')}.`);
} catch (err) {
  if (!(err instanceof SeedValidationError)) throw err;
  console.error(err.message);
  process.exit(1);
}
