import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Client } from 'pg';
import { openStore, type Store } from '../src/db/connect';

/** The headline query of API.md: Meta's open releases, oldest first. */
export const HEADLINE = (first: number) => `query MetaOpenTimeline {
  timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: ${first}) {
    totalCount
    nodes {
      __typename date datePrecision title
      ... on Release { name accessLevel license { name osiApproved } variants { name parameterCount } }
      sources { url title }
    }
  }
}`;

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `url` until it answers 2xx, for up to 30 s. */
export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within 30 s`);
}

/** One value from a service's Prometheus /metrics. */
export async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+(?:\\.\\d+)?(?:e\\+\\d+)?)`, 'm').exec(text)?.[1] ?? NaN);
}

/**
 * A PostgreSQL schema of the benchmark's own at `url` (the database is shared: nothing
 * outside it is touched), and the way to drop it again.
 */
export async function scratchSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  return { schema, drop: () => admin(`drop schema if exists ${schema} cascade`) };
}

/** Runs `measure` on a PostgreSQL store in a schema of its own at `url`, dropped afterwards. */
export async function inScratchSchema(url: string, measure: (store: Store) => Promise<void>): Promise<void> {
  const { schema, drop } = await scratchSchema(url);
  const store = openStore({
    dialect: 'postgres',
    connectionString: url,
    poolSize: 5,
    statementTimeoutMs: 0,
    connectTimeoutMs: 5000,
    schema,
  });
  try {
    await measure(store);
  } finally {
    await store.close();
    await drop();
  }
}
