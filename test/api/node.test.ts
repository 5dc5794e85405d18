import { STORE_KINDS, TestApi } from '../support/harness';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  const ROUND_TRIP = /* GraphQL */ `
    query ($id: ID!) {
      node(id: $id) {
        __typename
        id
        ... on Organization {
          slug
        }
        ... on Person {
          slug
        }
        ... on License {
          slug
        }
        ... on Release {
          slug
        }
        ... on PolicyPosition {
          slug
        }
        ... on Source {
          url
        }
      }
    }
  `;

  describe('node(id:)', () => {
    it.each([
      ['Organization', '{ organization(slug: "meta") { id slug } }', 'organization'],
      ['Person', '{ person(slug: "nick-clegg") { id slug } }', 'person'],
      ['License', '{ license(slug: "llama-2-community-license") { id slug } }', 'license'],
      ['Release', '{ release(slug: "llama-3-1") { id slug } }', 'release'],
      ['PolicyPosition', '{ policyPosition(slug: "zuckerberg-open-source-ai-path-forward") { id slug } }', 'policyPosition'],
    ])('round-trips a %s', async (typename, query, field) => {
      const data = await api.gql(query);
      const object = data[field];
      expect(object).not.toBeNull();
      const { node } = await api.gql(ROUND_TRIP, { id: object.id });
      expect(node).toEqual({ __typename: typename, id: object.id, slug: object.slug });
    });

    it('round-trips a Source', async () => {
      const { release } = await api.gql('{ release(slug: "llama-2") { sources { id url } } }');
      const source = release.sources[0];
      const { node } = await api.gql(ROUND_TRIP, { id: source.id });
      expect(node).toEqual({ __typename: 'Source', id: source.id, url: source.url });
    });

    it('returns null for a well-formed id of a record that does not exist', async () => {
      const id = Buffer.from('Release:no-such-release').toString('base64');
      expect((await api.gql(ROUND_TRIP, { id })).node).toBeNull();
    });

    it.each([
      'garbage',
      Buffer.from('Spaceship:x').toString('base64'),
      Buffer.from('nocolon').toString('base64'),
      Buffer.from('constructor:x').toString('base64'),
      Buffer.from('__proto__:x').toString('base64'),
    ])('rejects %s as BAD_USER_INPUT', async (id) => {
      const [error] = await api.errors(ROUND_TRIP, { id });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('nodes(ids:)', () => {
    it('returns objects in the order asked, with null for missing ones', async () => {
      const { organization, release } = await api.gql('{ organization(slug: "openai") { id } release(slug: "gpt-4") { id } }');
      const missing = Buffer.from('Person:nobody').toString('base64');
      const { nodes } = await api.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', {
        ids: [release.id, missing, organization.id],
      });
      expect(nodes).toEqual([{ __typename: 'Release', id: release.id }, null, { __typename: 'Organization', id: organization.id }]);
    });

    it('gives null in place of a malformed, foreign or unknown id, and still answers the others', async () => {
      const { release } = await api.gql('{ release(slug: "gpt-4") { id } }');
      const ids = [
        'garbage',
        Buffer.from('Spaceship:x').toString('base64'),
        'MDQ6VXNlcjU4MzIzMQ==',
        Buffer.from('__proto__:x').toString('base64'),
        Buffer.from('Change:999999').toString('base64'),
        release.id,
      ];
      // A Change id past the integer column: no such change, not an out-of-range error (PostgreSQL).
      ids.push(Buffer.from('Change:999999999999').toString('base64'));
      const { nodes } = await api.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
      expect(nodes).toEqual([null, null, null, null, null, { __typename: 'Release', id: release.id }, null]);
    });

    it('refuses more than 100 ids', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Release:r${i}`).toString('base64'));
      const [error] = await api.errors('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('unknown slugs', () => {
    it.each(['organization', 'person', 'release', 'license', 'policyPosition'])('%s(slug:) gives null', async (field) => {
      const data = await api.gql(`{ ${field}(slug: "does-not-exist") { id } }`);
      expect(data[field]).toBeNull();
    });
  });
});
