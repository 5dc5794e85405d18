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

const action = (slug: string, jurisdiction: string, kind: string, signatories: string[] = []) => ({
  slug,
  title: slug,
  date: '2026-03-01',
  datePrecision: 'DAY',
  kind,
  status: 'ADOPTED',
  jurisdiction,
  organization: 'live-government',
  signatories,
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
    await curate(live.base, key, CREATE_ORG, { slug: 'live-signer', name: 'Live Signer', kind: 'COMPANY' });
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

  it('delivers a policy action to a subscriber filtering by one of its signatories', async () => {
    const added = client.subscribe(ADDED, { filter: { organizations: ['live-signer'] } });
    await untilSubscribers(live.service.events, 2); // the earlier tests' subscriptions stay open
    await curate(live.base, key, CREATE, action('live-unsigned', 'GB', 'DECLARATION'));
    await curate(live.base, key, CREATE, action('live-signed', 'GB', 'DECLARATION', ['live-signer']));
    expect((await added.data()).timelineEventAdded).toMatchObject({ slug: 'live-signed', organization: { slug: 'live-government' } });
  });

  it('leaves policy actions to jurisdictions when organizationsApplyTo leaves them out', async () => {
    const filter = { organizations: ['live-signer'], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'], jurisdictions: ['FR'] };
    const added = client.subscribe(ADDED, { filter });
    await untilSubscribers(live.service.events, 3);
    await curate(live.base, key, CREATE, action('live-gb-unsigned', 'GB', 'LAW'));
    await curate(live.base, key, CREATE, action('live-fr-unsigned', 'FR', 'LAW'));
    expect((await added.data()).timelineEventAdded).toMatchObject({ slug: 'live-fr-unsigned', jurisdiction: { code: 'FR' } });
  });
});
