import { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { openStore, type Store } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { createContext, type Context } from '../../src/graphql/context';
import { getSchema } from '../../src/graphql/schema';
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

export async function createTestStore(options: { seeded?: boolean } = {}): Promise<TestStore> {
  let count = 0;
  const sql: string[] = [];
  const store = openStore({ dialect: 'sqlite', filename: ':memory:' }, {
    onQuery: (event) => {
      count++;
      sql.push(event.query.sql);
    },
  });
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
  private constructor(private readonly server: ApolloServer<Context>, readonly store: TestStore) {}

  static async create(store?: TestStore): Promise<TestApi> {
    const server = new ApolloServer<Context>({ schema: await getSchema(), logger: silent });
    await server.start();
    return new TestApi(server, store ?? (await createTestStore()));
  }

  async run(query: string, variables?: Record<string, unknown>) {
    const response = await this.server.executeOperation(
      { query, variables },
      { contextValue: createContext(this.store, 'test', silent) },
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
    await this.server.stop();
    await this.store.close();
  }
}
