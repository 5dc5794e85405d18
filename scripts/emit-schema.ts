import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSortedSchema } from '../src/app/schema';

/** Writes schema/schema.graphql; a test fails when the committed file differs from the code. */
async function main(): Promise<void> {
  const file = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await printSortedSchema());
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
