import { randomBytes } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { Client } from 'pg';
import pino from 'pino';
import { createApiKey } from '../../src/auth/api-keys';
import { openStore, type Store } from '../../src/db/connect';
import type { Role } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { createContext, type Context } from '../../src/app/context';
import { getSchema } from '../../src/app/schema';
import { inProcessEvents, type TimelineEvents } from '../../src/live/timeline-events';
import { applySeed } from '../../src/seed/seed.apply';
import { loadSeedDir, type SeedData } from '../../src/seed/seed.loader';

/*
 * One way to run operations in tests: against the real schema and a real, freshly
 * migrated and seeded store. `gql` fails the test on any error it did not expect.
 */

let seedData: SeedData | undefined;
export const seed = (): SeedData => (seedData ??= loadSeedDir('seed'));

export interface TestStore extends Store {
  /** SQL statements executed since the last `resetCount()`. */
  statements(): number;
  resetCount(): void;
  sql: string[];
}

export type StoreKind = 'sqlite' | 'postgres';

/**
 * The stores the contract suite runs on: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set. Under CI it must be set: CI fails rather than skips.
 */
export const STORE_KINDS: StoreKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the contract suite would not run.');
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL schema of its own for one test store, dropped when the store closes. */
export async function createTestSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create schema ${schema}`));
  return { schema, drop: () => admin((c) => c.query(`drop schema if exists ${schema} cascade`)).then(() => undefined) };
}

export function testPostgresConfig(schema: string) {
  return {
    dialect: 'postgres' as const,
    connectionString: process.env.TEST_DATABASE_URL!,
    poolSize: 5,
    statementTimeoutMs: 30_000,
    connectTimeoutMs: 5000,
    schema,
  };
}

export async function createTestStore(options: { seeded?: boolean; kind?: StoreKind } = {}): Promise<TestStore> {
  let count = 0;
  const sql: string[] = [];
  const onQuery = (event: { query: { sql: string } }) => {
    count++;
    sql.push(event.query.sql);
  };
  let store: Store;
  if (options.kind === 'postgres') {
    const { schema, drop } = await createTestSchema();
    const opened = openStore(testPostgresConfig(schema), { onQuery });
    store = {
      ...opened,
      close: async () => {
        await opened.close();
        await drop();
      },
    };
  } else {
    store = openStore({ dialect: 'sqlite', filename: ':memory:' }, { onQuery });
  }
  await migrateToLatest(store);
  if (options.seeded !== false) await applySeed(store, seed());
  count = 0;
  sql.length = 0;
  return Object.assign(store, {
    statements: () => count,
    resetCount: () => {
      count = 0;
      sql.length = 0;
    },
    sql,
  });
}

const silent = pino({ level: 'silent' });

export class TestApi {
  private constructor(
    private readonly server: ApolloServer<Context>,
    readonly store: TestStore,
    private readonly authorization?: string,
    readonly events: TimelineEvents = inProcessEvents(),
  ) {}

  /** The same API and store, called with `Authorization: Bearer <key>`. */
  as(key: string): TestApi {
    return new TestApi(this.server, this.store, `Bearer ${key}`, this.events);
  }

  /** Makes an API key with the given role in this store and returns the API as its holder. */
  async withKey(role: Role, name = `${role.toLowerCase()}-${randomBytes(3).toString('hex')}`): Promise<TestApi> {
    const { key } = await createApiKey(this.store.db, name, role);
    return this.as(key);
  }

  static async create(kind: StoreKind = 'sqlite'): Promise<TestApi> {
    const server = new ApolloServer<Context>({ schema: await getSchema(), logger: silent });
    await server.start();
    return new TestApi(server, await createTestStore({ kind }));
  }

  async run(query: string, variables?: Record<string, unknown>) {
    const response = await this.server.executeOperation(
      { query, variables },
      { contextValue: createContext(this.store, 'test', silent, { authorization: this.authorization, events: this.events }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: Record<string, any> | null; errors?: readonly GraphQLFormattedError[] };
  }

  /** Data of an operation that must succeed. */
  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.run(query, variables);
    if (result.errors?.length) throw new Error(`Unexpected GraphQL errors:\n${JSON.stringify(result.errors, null, 2)}`);
    return result.data as T;
  }

  /** Errors of an operation that must fail. */
  async errors(query: string, variables?: Record<string, unknown>): Promise<readonly GraphQLFormattedError[]> {
    const result = await this.run(query, variables);
    if (!result.errors?.length) throw new Error(`Expected errors, got data: ${JSON.stringify(result.data)}`);
    return result.errors;
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.server.stop();
    await this.store.close();
  }
}
