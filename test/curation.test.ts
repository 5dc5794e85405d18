import 'reflect-metadata';
import { STORE_KINDS, TestApi } from './support/harness';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateReleaseInput!) {
    createRelease(input: $input) {
      release { id slug name version datePrecision date accessLevel license { slug } organization { slug } sources { url title publisher } }
      userErrors { field message code currentVersion }
    }
  }
`;

const newRelease = (over: Record<string, unknown> = {}) => ({
  slug: 'llama-5-test',
  name: 'Llama 5 (test)',
  artifactType: 'MODEL',
  organization: 'meta',
  date: '2026-04-01',
  datePrecision: 'MONTH',
  accessLevel: 'OPEN_WEIGHTS',
  license: 'llama-4-community-license',
  sources: [{ url: 'https://ai.meta.com/blog/llama-5-test/', title: 'Llama 5 (test)', publisher: 'Meta AI' }],
  reason: 'smoke',
  ...over,
});

describe.each(STORE_KINDS)('curation (%s)', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  it('smoke', async () => {
    const editor = await api.withKey('EDITOR', 'ada');
    const data = await editor.gql(CREATE, { input: newRelease() });
    console.log(JSON.stringify(data, null, 1));
    const h = await editor.gql(`{ release(slug: "llama-5-test") { version history { totalCount nodes { operation actor reason version changedFields after changedAt } } } }`);
    console.log(JSON.stringify(h, null, 1));
  });
});
