import 'reflect-metadata';
import type { TimelineEventType } from '../../src/domain/vocabulary';
import type { TimelineChange, TimelineMatchFields } from '../../src/live/timeline-events';
import { isAddition, isChange, matchesTimelineFilter } from '../../src/live/timeline-match';
import type { TimelineFilter } from '../../src/timeline/timeline.inputs';
import { TestApi } from '../support/harness';

/*
 * Which changes a subscription hears of: the `timeline` query's filter semantics, for one
 * event at a time. Checked case by case, and against the query itself over the seed data.
 */

const llama: TimelineMatchFields = { organization: 'meta', date: '2024-07-23', accessLevel: 'OPEN_WEIGHTS', isOpen: true, topic: null };
const gpt: TimelineMatchFields = { organization: 'openai', date: '2024-05-13', accessLevel: 'API', isOpen: false, topic: null };
const letter: TimelineMatchFields = { organization: 'meta', date: '2024-07-23', accessLevel: null, isOpen: null, topic: 'OPEN_SOURCE_AI' };

describe('matchesTimelineFilter', () => {
  it.each<[string, TimelineFilter | null, boolean, boolean, boolean]>([
    ['no filter', null, true, true, true],
    ['an empty filter', {}, true, true, true],
    ['organizations', { organizations: ['meta'] }, true, false, true],
    ['an empty organizations list', { organizations: [] }, false, false, false],
    ['eventTypes', { eventTypes: ['RELEASE'] }, true, true, false],
    ['an empty eventTypes list', { eventTypes: [] }, false, false, false],
    ['accessLevels (positions unaffected)', { accessLevels: ['API'] }, false, true, true],
    ['an empty accessLevels list (no release)', { accessLevels: [] }, false, false, true],
    ['openOnly (positions unaffected)', { openOnly: true }, true, false, true],
    ['openOnly: false', { openOnly: false }, true, true, true],
    ['topics (releases unaffected)', { topics: ['AI_SAFETY'] }, true, true, false],
    ['topics that match', { topics: ['OPEN_SOURCE_AI', 'AI_SAFETY'] }, true, true, true],
    ['from, inclusive', { from: '2024-07-23' }, true, false, true],
    ['to, inclusive', { to: '2024-05-13' }, false, true, false],
    ['a one-day range', { from: '2024-07-23', to: '2024-07-23' }, true, false, true],
    [
      'fields combined with AND',
      { organizations: ['meta'], eventTypes: ['POLICY_POSITION'], topics: ['OPEN_SOURCE_AI'] },
      false,
      false,
      true,
    ],
  ])('%s', (_name, filter, llamaMatches, gptMatches, letterMatches) => {
    expect([
      matchesTimelineFilter('RELEASE', llama, filter),
      matchesTimelineFilter('RELEASE', gpt, filter),
      matchesTimelineFilter('POLICY_POSITION', letter, filter),
    ]).toEqual([llamaMatches, gptMatches, letterMatches]);
  });
});

describe('policy actions: issuing body or signatory, and organizationsApplyTo', () => {
  const declaration: TimelineMatchFields = {
    organization: 'uk-government',
    date: '2024-05-21',
    accessLevel: null,
    isOpen: null,
    topic: null,
    jurisdiction: 'INTL',
    policyActionKind: 'VOLUNTARY_COMMITMENT',
    otherOrganizations: ['meta', 'openai'],
  };
  /** As a replica of a version before signatories were carried sends it. */
  const { otherOrganizations: _, ...older } = declaration;

  it.each<[string, TimelineFilter, boolean, boolean, boolean]>([
    ['the issuing body', { organizations: ['uk-government'] }, true, true, false],
    ['a signatory', { organizations: ['meta'] }, true, false, false],
    ['neither', { organizations: ['google'] }, false, false, false],
    ['an empty organizations list', { organizations: [] }, false, false, false],
    ['organizations not applied to policy actions', { organizations: ['google'], organizationsApplyTo: ['RELEASE'] }, true, true, false],
    ['... nor to an empty list', { organizations: [], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'] }, true, true, false],
    [
      '... then narrowed by jurisdiction',
      { organizations: ['google'], organizationsApplyTo: ['RELEASE'], jurisdictions: ['EU'] },
      false,
      false,
      false,
    ],
    ['applied to policy actions only', { organizations: ['meta'], organizationsApplyTo: ['POLICY_ACTION'] }, true, false, true],
  ])('%s', (_name, filter, declarationMatches, olderMatches, gptMatches) => {
    expect([
      matchesTimelineFilter('POLICY_ACTION', declaration, filter),
      matchesTimelineFilter('POLICY_ACTION', older, filter),
      matchesTimelineFilter('RELEASE', gpt, filter),
    ]).toEqual([declarationMatches, olderMatches, gptMatches]);
  });

  it('leaves releases and positions to organizations when it names them', () => {
    const filter: TimelineFilter = { organizations: ['meta'], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'] };
    expect(matchesTimelineFilter('RELEASE', llama, filter)).toBe(true);
    expect(matchesTimelineFilter('RELEASE', gpt, filter)).toBe(false);
    expect(matchesTimelineFilter('POLICY_POSITION', letter, filter)).toBe(true);
    expect(matchesTimelineFilter('POLICY_POSITION', { ...letter, organization: 'openai' }, filter)).toBe(false);
  });
});

describe('isAddition and isChange', () => {
  const change = (over: Partial<TimelineChange>): TimelineChange => ({
    operation: 'UPDATE',
    eventType: 'RELEASE',
    slug: 'llama-3-1',
    version: 2,
    fields: llama,
    previous: null,
    changedAt: '2026-01-01T00:00:00.000Z',
    actor: 'ada',
    ...over,
  });
  const metaOpen: TimelineFilter = { organizations: ['meta'], openOnly: true };

  it('adds on CREATE only', () => {
    expect(isAddition(change({ operation: 'CREATE', version: 1 }), metaOpen)).toBe(true);
    expect(isAddition(change({ operation: 'CREATE', fields: gpt }), metaOpen)).toBe(false);
    expect(isAddition(change({ operation: 'UPDATE' }), metaOpen)).toBe(false);
    expect(isAddition(change({ operation: 'DELETE', version: null }), metaOpen)).toBe(false);
  });

  it('changes on UPDATE when the event matches after or before, and on DELETE as it was', () => {
    expect(isChange(change({}), metaOpen)).toBe(true);
    const closedNow = { ...llama, accessLevel: 'API', isOpen: false };
    expect(isChange(change({ fields: closedNow, previous: llama }), metaOpen)).toBe(true); // moved out
    expect(isChange(change({ fields: llama, previous: closedNow }), metaOpen)).toBe(true); // moved in
    expect(isChange(change({ fields: closedNow, previous: closedNow }), metaOpen)).toBe(false);
    expect(isChange(change({ operation: 'DELETE', version: null }), metaOpen)).toBe(true);
    expect(isChange(change({ operation: 'DELETE', version: null, fields: gpt }), metaOpen)).toBe(false);
    expect(isChange(change({ operation: 'CREATE' }), metaOpen)).toBe(false);
  });
});

describe('the same answers as the timeline query, over the seed data', () => {
  let api: TestApi;
  let events: Array<{ type: TimelineEventType; slug: string; fields: TimelineMatchFields }>;
  beforeAll(async () => {
    api = await TestApi.create();
    const { timeline } = await api.gql(
      '{ timeline(first: 100) { totalCount nodes { eventType slug date organization { slug } ... on Release { accessLevel isOpen } ... on PolicyPosition { topic } ... on PolicyAction { jurisdiction { code } kind signatories { slug } } } } }',
    );
    expect(timeline.nodes.length).toBe(timeline.totalCount); // one page holds them all
    events = timeline.nodes.map((n: any) => ({
      type: n.eventType,
      slug: n.slug,
      fields: {
        organization: n.organization.slug,
        date: n.date,
        accessLevel: n.accessLevel ?? null,
        isOpen: n.isOpen ?? null,
        topic: n.topic ?? null,
        jurisdiction: n.jurisdiction?.code ?? null,
        policyActionKind: n.kind ?? null,
        otherOrganizations: n.signatories?.map((o: { slug: string }) => o.slug) ?? null,
      },
    }));
  });
  afterAll(() => api.close());

  it.each<[string, TimelineFilter]>([
    ['meta’s open releases', { organizations: ['meta'], eventTypes: ['RELEASE'], openOnly: true }],
    ['open releases and every position', { openOnly: true }],
    ['two access levels across two organizations', { organizations: ['meta', 'openai'], accessLevels: ['API', 'OPEN_WEIGHTS'] }],
    ['positions on two topics in a date range', { topics: ['OPEN_SOURCE_AI', 'AI_SAFETY'], from: '2023-01-01', to: '2024-12-31' }],
    ['an empty organizations list', { organizations: [] }],
    ['everything before 2020', { to: '2019-12-31' }],
    ['policy actions meta signed', { organizations: ['meta'], eventTypes: ['POLICY_ACTION'] }],
    ['an issuing body and a signatory', { organizations: ['us-white-house', 'openai'] }],
    [
      "meta's releases and positions beside the EU's policy actions",
      { organizations: ['meta'], organizationsApplyTo: ['RELEASE', 'POLICY_POSITION'], jurisdictions: ['EU'] },
    ],
    [
      'every release and position, and the policy actions meta signed',
      { organizations: ['meta'], organizationsApplyTo: ['POLICY_ACTION'] },
    ],
  ])('%s', async (_name, filter) => {
    const { timeline } = await api.gql('query ($filter: TimelineFilter) { timeline(filter: $filter, first: 100) { nodes { slug } } }', {
      filter,
    });
    const matched = events.filter((e) => matchesTimelineFilter(e.type, e.fields, filter)).map((e) => e.slug);
    expect(matched).toEqual(timeline.nodes.map((n: { slug: string }) => n.slug));
    if (filter.organizations?.length !== 0) expect(matched.length).toBeGreaterThan(0); // a real comparison, not two empty lists
  });
});
