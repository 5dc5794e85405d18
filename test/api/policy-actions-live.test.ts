import 'reflect-metadata';
import { createApiKey } from '../../src/auth/api-keys';
import { startLive, type Live } from '../support/live';
import { curate, LiveClient, untilSubscribers } from '../support/subscriptions';

/* A created policy action reaches the subscribers whose filter it matches, over graphql-ws. */

const ADDED = `subscription ($filter: TimelineFilter) {
  timelineEventAdded(filter: $filter) { __typename slug ... on PolicyAction { kind jurisdiction { code } organization { slug } } }
}`;
const CREATE_ORG =
  'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } userErrors { message } } }';
const CREATE =
  'mutation ($input: CreatePolicyActionInput!) { createPolicyAction(input: $input) { policyAction { version } userErrors { message } } }';

const action = (slug: string, jurisdiction: string, kind: string) => ({
  slug,
  title: slug,
  date: '2026-03-01',
  datePrecision: 'DAY',
  kind,
  status: 'ADOPTED',
  jurisdiction,
  organization: 'live-government',
  openWeights: 'NOT_ADDRESSED',
  sources: [{ url: `https://example.org/${slug}`, title: `About ${slug}` }],
});

describe('live updates of policy actions', () => {
  let live: Live;
  let key: string;
  let client: LiveClient;
  beforeAll(async () => {
    live = await startLive();
    key = (await createApiKey(live.store.db, 'live-editor', 'EDITOR')).key;
    await curate(live.base, key, CREATE_ORG, { slug: 'live-government', name: 'Live Government', kind: 'GOVERNMENT' });
    client = new LiveClient(live.base);
  });
  afterAll(async () => {
    await client.close();
    await live.close();
  });

  it('delivers a created policy action that matches jurisdictions and policyActionKinds, and not one that does not', async () => {
    const added = client.subscribe(ADDED, { filter: { jurisdictions: ['GB'], policyActionKinds: ['GUIDANCE'] } });
    await untilSubscribers(live.service.events, 1);
    await curate(live.base, key, CREATE, action('live-us-guidance', 'US', 'GUIDANCE'));
    await curate(live.base, key, CREATE, action('live-gb-law', 'GB', 'LAW'));
    await curate(live.base, key, CREATE, action('live-gb-guidance', 'GB', 'GUIDANCE'));
    // Changes arrive in order: had either of the others been delivered, it would come first.
    expect((await added.data()).timelineEventAdded).toEqual({
      __typename: 'PolicyAction',
      slug: 'live-gb-guidance',
      kind: 'GUIDANCE',
      jurisdiction: { code: 'GB' },
      organization: { slug: 'live-government' },
    });
  });
});
