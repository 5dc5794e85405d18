import pino from 'pino';
import { prepareStore } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createTestSchema, seed, STORE_KINDS, TestApi } from '../support/harness';

/* The same operations on both stores give byte-identical JSON. */

const HEADLINE = /* GraphQL */ `
  query MetaOpenTimeline {
    timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: 50) {
      totalCount
      nodes {
        __typename
        id
        date
        datePrecision
        title
        ... on Release {
          name
          accessLevel
          isOpen
          license {
            id
            name
            osiApproved
            userThreshold
            restrictions
          }
          variants {
            name
            parameterCount
            activeParameterCount
          }
          comparedWith {
            id
          }
          predecessor {
            id
          }
          modalities
        }
        sources {
          id
          url
          title
          publisher
          publishedOn
          publishedOnPrecision
        }
      }
      pageInfo {
        startCursor
        endCursor
        hasNextPage
        hasPreviousPage
      }
    }
  }
`;

const EVERYTHING = /* GraphQL */ `
  query Everything {
    timeline(first: 100) {
      totalCount
      edges {
        cursor
        node {
          id
          date
          eventType
          ... on Release {
            openness {
              weights
              inferenceCode
              trainingCode
              trainingData
              dataCard
              modelCard
              paper
              meetsOsaid
              note
              sources {
                id
                url
                publishedOn
              }
            }
            variants {
              name
              date
              datePrecision
              accessLevel
            }
          }
          ... on PolicyPosition {
            actor {
              __typename
              ... on Person {
                id
                roles {
                  title
                  startedOn
                  endedOn
                  organization {
                    id
                  }
                }
              }
              ... on Organization {
                id
              }
            }
            stance
            topic
            quote
            arguments
          }
        }
      }
    }
    organizations(first: 100) {
      nodes {
        id
        name
        kind
        stockTicker
        people(first: 100) {
          totalCount
          nodes {
            id
          }
        }
        releases(first: 100) {
          totalCount
          nodes {
            id
          }
        }
      }
    }
    licenses(first: 100) {
      nodes {
        id
        osiApproved
        allowsCommercialUse
        userThreshold
        releases(first: 100) {
          nodes {
            id
          }
        }
      }
    }
  }
`;

const run = STORE_KINDS.length > 1 ? describe : describe.skip;

run('SQLite and PostgreSQL', () => {
  let sqlite: TestApi;
  let postgres: TestApi;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([TestApi.create('sqlite'), TestApi.create('postgres')]);
  });
  afterAll(() => Promise.all([sqlite.close(), postgres.close()]));

  it('answer the headline query with identical JSON', async () => {
    const [a, b] = await Promise.all([sqlite.gql(HEADLINE), postgres.gql(HEADLINE)]);
    expect(a.timeline.nodes.length).toBeGreaterThanOrEqual(15);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('answer a query over every type and relation with identical JSON', async () => {
    const [a, b] = await Promise.all([sqlite.gql(EVERYTHING), postgres.gql(EVERYTHING)]);
    expect(a.timeline.edges.some((e: any) => e.node.openness?.sources.length)).toBe(true);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('run the same number of SQL statements for the headline query', async () => {
    sqlite.store.resetCount();
    postgres.store.resetCount();
    await Promise.all([sqlite.gql(HEADLINE), postgres.gql(HEADLINE)]);
    expect(postgres.store.statements()).toBe(sqlite.store.statements());
  });
});

(STORE_KINDS.includes('postgres') ? describe : describe.skip)('replicas starting together', () => {
  it('all come up on one empty PostgreSQL, which is seeded once', async () => {
    const { schema, drop } = await createTestSchema();
    const config = loadConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema, NODE_ENV: 'test' });
    const log = pino({ level: 'silent' });
    const stores = await Promise.all([prepareStore(config, log), prepareStore(config, log), prepareStore(config, log)]);
    try {
      const { n } = await stores[0].db
        .selectFrom('releases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(seed().releases.length);
      const version = await stores[0].db.selectFrom('data_version').select('version').executeTakeFirstOrThrow();
      expect(Number(version.version)).toBe(2); // one seeding: created at 1, bumped once
    } finally {
      for (const s of stores) await s.close();
      await drop();
    }
  });
});
