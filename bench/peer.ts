import 'reflect-metadata';
import http from 'node:http';
import { createHandler } from 'graphql-http/lib/use/http';
import pino from 'pino';
import { parseDatabaseUrl } from '../src/config';
import { openStore, statementCount } from '../src/db/connect';
import { createContext } from '../src/app/context';
import { getSchema } from '../src/app/schema';

/*
 * The lean peer: the service's own executable schema (type-graphql's, with its resolvers)
 * and the service's request context, executed by plain graphql-js behind graphql-http on
 * node:http. No Apollo, no Fastify, no limits, no response cache: what a user could build
 * on the same schema. It depends on nothing below the schema, so it follows the resolvers
 * as they change. Used only by the benchmark, for the ratio "service / peer".
 */

async function main(): Promise<void> {
  const schema = await getSchema();
  const store = openStore(parseDatabaseUrl(process.env.DATABASE_URL, process.env));
  const log = pino({ level: 'silent' });
  let n = 0;
  // graphql-http types its context as a plain record; the service's Context is an interface.
  const handler = createHandler({ schema, context: () => createContext(store, String(++n), log) as unknown as Record<string, unknown> });
  const server = http.createServer((req, res) => {
    if (req.url === '/statements') return void res.end(String(statementCount.value));
    void handler(req, res);
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
    console.log(`peer listening on ${(server.address() as { port: number }).port}`),
  );
  process.on('SIGTERM', () => server.close(() => store.close().then(() => process.exit(0))));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
