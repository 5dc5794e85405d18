import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { sql, type CompiledQuery } from 'kysely';
import pino from 'pino';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { createContext, type Context } from '../src/app/context';
import { getSchema } from '../src/app/schema';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir } from '../src/seed/seed.loader';
import { addSyntheticData } from './generate';

/*
 * The SQLite query plan of every statement the headline query runs, at 1000x the seed's
 * events (npm run bench:explain). No statement should SCAN a whole table or use a
 * temporary B-tree for ORDER BY.
 */
async function main(): Promise<void> {
  const factor = Number(process.env.FACTOR ?? 1000);
  const queries: CompiledQuery[] = [];
  let capture = false;
  const store = openStore({ dialect: 'sqlite', filename: ':memory:' }, { onQuery: (e) => capture && queries.push(e.query) });
  await migrateToLatest(store);
  await applySeed(store, loadSeedDir('seed'));
  await addSyntheticData(store.db, store.adapter, factor);
  const server = new ApolloServer<Context>({ schema: await getSchema(), logger: pino({ level: 'silent' }) });
  await server.start();
  capture = true;
  await server.executeOperation(
    {
      query:
        '{ timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: 50) { totalCount nodes { __typename date title ... on Release { name accessLevel license { name osiApproved } variants { name parameterCount } } sources { url title } } } }',
    },
    { contextValue: createContext(store, 'explain', pino({ level: 'silent' })) },
  );
  capture = false;
  for (const q of queries) {
    const plan = await sql
      .raw(`explain query plan ${q.sql}`)
      .execute(store.db)
      .catch(() => null);
    // Parameters matter for the plan only through their count; bind them for real.
    const rows = plan ? plan.rows : (await store.db.executeQuery({ ...q, sql: `explain query plan ${q.sql}` })).rows;
    console.log(`\n${q.sql.replace(/\s+/g, ' ').slice(0, 220)}`);
    for (const r of rows as Array<{ detail: string }>) console.log(`  ${r.detail}`);
  }
  await server.stop();
  await store.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
