import 'reflect-metadata';
import { revokeApiKey } from '../../src/auth/api-keys';
import { rebuildSearchIndex } from '../../src/search/search.indexer';
import { STORE_KINDS, TestApi } from '../support/harness';

/*
 * Curation through the API, on both stores: who may write, what a write checks, that a
 * refused write changes nothing, that concurrent writers on one version cannot both win,
 * and that every change lands in the history.
 */

const RELEASE_FIELDS =
  'id slug name title family version date datePrecision accessLevel isOpen license { slug } organization { slug } predecessor { slug } variants { name parameterCount } sources { url title publisher publishedOn }';
const ERRORS = 'userErrors { field message code currentVersion }';

const CREATE = `mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { ${RELEASE_FIELDS} } ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { ${RELEASE_FIELDS} } ${ERRORS} } }`;
const DELETE = `mutation ($input: DeleteReleaseInput!) { deleteRelease(input: $input) { deletedId ${ERRORS} } }`;
const READ = `query ($slug: String!) { release(slug: $slug) { ${RELEASE_FIELDS} } }`;

const newRelease = (over: Record<string, unknown> = {}) => ({
  slug: 'llama-5',
  name: 'Llama 5',
  artifactType: 'MODEL',
  family: 'Llama',
  organization: 'meta',
  date: '2026-04-01',
  datePrecision: 'MONTH',
  accessLevel: 'OPEN_WEIGHTS',
  license: 'llama-4-community-license',
  variants: [{ name: 'Llama 5 Large', parameterCount: 2e12 }],
  sources: [
    { url: 'https://example.org/llama-5-announcement', title: 'Introducing Llama 5', publisher: 'Example News', publishedOn: '2026-04-02' },
  ],
  reason: 'New release announced',
  ...over,
});

const codes = (payload: { userErrors: Array<{ code: string }> }) => payload.userErrors.map((e) => e.code);

describe.each(STORE_KINDS)('curation through the API (%s)', (kind) => {
  let api: TestApi;
  let editor: TestApi;
  let admin: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
    editor = await api.withKey('EDITOR', 'ada');
    admin = await api.withKey('ADMIN', 'grace');
  });
  afterAll(() => api.close());

  const countReleases = async () => (await api.gql('{ releases(first: 0) { totalCount } }')).releases.totalCount as number;
  const read = async (slug: string) => (await api.gql(READ, { slug })).release;

  describe('who may write', () => {
    it('refuses a mutation without a key as UNAUTHENTICATED', async () => {
      const [error] = await api.errors(CREATE, { input: newRelease({ slug: 'no-key' }) });
      expect(error!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(error!.message).toMatch(/Authorization: Bearer/);
    });

    it('refuses an unknown key and a malformed header as UNAUTHENTICATED', async () => {
      const [unknown] = await api.as('ptk_' + 'x'.repeat(43)).errors(CREATE, { input: newRelease({ slug: 'bad-key' }) });
      expect(unknown!.extensions!.code).toBe('UNAUTHENTICATED');
      const [malformed] = await api.as('two words').errors(CREATE, { input: newRelease({ slug: 'bad-key' }) });
      expect(malformed!.extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('checks the key before anything else, on every mutation', async () => {
      const add =
        'mutation { addEventSource(input: { eventId: "bogus", version: 1, source: { url: "https://example.org/x", title: "x" } }) { userErrors { code } } }';
      const remove = 'mutation { removeEventSource(input: { eventId: "bogus", version: 1 }) { userErrors { code } } }';
      for (const mutation of [add, remove]) expect((await api.errors(mutation))[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a read-only key and a revoked key as FORBIDDEN, and writes nothing', async () => {
      const before = await countReleases();
      const reader = await api.withKey('READER', 'reader-1');
      const [readOnly] = await reader.errors(CREATE, { input: newRelease({ slug: 'by-reader' }) });
      expect(readOnly!.extensions!.code).toBe('FORBIDDEN');
      expect(readOnly!.message).toMatch(/READER role/);

      const revoked = await api.withKey('EDITOR', 'leaver');
      await revokeApiKey(api.store.db, 'leaver');
      const [gone] = await revoked.errors(CREATE, { input: newRelease({ slug: 'by-leaver' }) });
      expect(gone!.extensions!.code).toBe('FORBIDDEN');
      expect(gone!.message).toMatch(/revoked/);
      expect(await countReleases()).toBe(before);
    });

    it('keeps the audit log for admins', async () => {
      const query = '{ auditLog(first: 5) { totalCount nodes { operation actor } } }';
      expect((await api.errors(query))[0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect((await editor.errors(query))[0]!.extensions!.code).toBe('FORBIDDEN');
      await editor.gql(CREATE, { input: newRelease({ slug: 'for-the-log' }) });
      const log = await admin.gql(query);
      expect(log.auditLog.nodes[0]).toEqual({ operation: 'CREATE', actor: 'ada' });
    });

    it('lets anyone read, without a key', async () => {
      expect((await read('llama-2')).slug).toBe('llama-2');
    });
  });

  describe('creating', () => {
    it('adds a release that is on the timeline at once, with its history', async () => {
      const { createRelease } = await editor.gql(CREATE, { input: newRelease() });
      expect(createRelease.userErrors).toEqual([]);
      expect(createRelease.release).toMatchObject({
        slug: 'llama-5',
        title: 'Llama 5',
        version: 1,
        date: '2026-04-01',
        datePrecision: 'MONTH',
        isOpen: true,
        license: { slug: 'llama-4-community-license' },
        organization: { slug: 'meta' },
        variants: [{ name: 'Llama 5 Large', parameterCount: 2e12 }],
      });
      const timeline = await api.gql(
        '{ timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: 50) { nodes { ... on Release { slug } } } }',
      );
      expect(timeline.timeline.nodes.map((n: { slug: string }) => n.slug).at(-1)).toBe('llama-5');

      const history = await api.gql(
        '{ release(slug: "llama-5") { history { totalCount nodes { operation mutation actor reason version before after changedFields changedAt } } } }',
      );
      const [change] = history.release.history.nodes;
      expect(history.release.history.totalCount).toBe(1);
      // Key names may be e-mail addresses: anyone but an admin sees the key's role.
      expect(change).toMatchObject({
        operation: 'CREATE',
        mutation: 'createRelease',
        actor: 'EDITOR',
        reason: 'New release announced',
        version: 1,
        before: null,
      });
      expect(change.after).toMatchObject({ slug: 'llama-5', date: '2026-04', license: 'llama-4-community-license' });
      expect(Date.now() - Date.parse(change.changedAt)).toBeLessThan(5 * 60_000);
    });

    it('finds the new release by search', async () => {
      const found = await api.gql('{ search(query: "Llama 5 Large") { nodes { ... on Release { slug } } } }');
      expect(found.search.nodes.map((n: { slug?: string }) => n.slug)).toContain('llama-5');
    });

    it('refuses a slug in use as TAKEN', async () => {
      const { createRelease } = await editor.gql(CREATE, { input: newRelease({ slug: 'llama-2' }) });
      expect(createRelease.release).toBeNull();
      expect(createRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'slug'], code: 'TAKEN' })]);
    });

    it('checks the input like a seed file, reports every problem with its field, and writes nothing', async () => {
      const before = await countReleases();
      const { createRelease } = await editor.gql(CREATE, {
        input: newRelease({
          slug: 'Bad Slug',
          organization: 'no-such-org',
          license: 'llama-2-community-license',
          accessLevel: 'OPEN_SOURCE',
          date: '2026-04-15',
          sources: [{ url: 'ftp://example.org/file', title: '' }],
        }),
      });
      expect(createRelease.release).toBeNull();
      const byField = Object.fromEntries(
        createRelease.userErrors.map((e: { field: string[]; message: string }) => [e.field.join('.'), e.message]),
      );
      expect(byField['input.slug']).toMatch(/lowercase/);
      expect(byField['input.date']).toMatch(/first of its month/);
      expect(byField['input.sources.0.url']).toMatch(/http\(s\) URL/);
      expect(byField['input.sources.0.title']).toMatch(/must not be empty/);
      expect(codes(createRelease).every((c) => c === 'INVALID')).toBe(true);
      expect(await countReleases()).toBe(before);
    });

    it('checks references and the open-source rule once the shape is right', async () => {
      const { createRelease } = await editor.gql(CREATE, {
        input: newRelease({
          slug: 'llama-x',
          organization: 'no-such-org',
          accessLevel: 'OPEN_SOURCE',
          license: 'llama-2-community-license',
          predecessor: 'llama-x',
        }),
      });
      expect(createRelease.userErrors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: ['input', 'organization'], code: 'NOT_FOUND' }),
          expect.objectContaining({ field: ['input', 'accessLevel'], code: 'INVALID', message: expect.stringMatching(/OSI-approved/) }),
          expect.objectContaining({ field: ['input', 'predecessor'], code: 'INVALID' }),
        ]),
      );
      expect(await read('llama-x')).toBeNull();
    });

    it('refuses a reason too long to keep rather than cutting it', async () => {
      const { createRelease } = await editor.gql(CREATE, { input: newRelease({ slug: 'long-reason', reason: 'x'.repeat(2001) }) });
      expect(createRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'reason'], code: 'INVALID' })]);
      expect(await read('long-reason')).toBeNull();
    });

    it('bounds every list, as in a seed file', async () => {
      const many = Array.from({ length: 51 }, (_, i) => ({ url: `https://example.org/many/${i}`, title: `Source ${i}` }));
      const { createRelease } = await editor.gql(CREATE, { input: newRelease({ slug: 'many-sources', sources: many }) });
      expect(createRelease.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'sources'], code: 'INVALID', message: 'must have at most 50 items' }),
      ]);
    });

    it('requires at least one source for a release', async () => {
      const { createRelease } = await editor.gql(CREATE, { input: newRelease({ slug: 'unsourced', sources: [] }) });
      expect(createRelease.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'sources'], code: 'INVALID', message: expect.stringMatching(/at least one source/) }),
      ]);
    });

    it('keeps one set of details per source URL', async () => {
      const seeded = (await read('llama-2')).sources[0];
      const { createRelease } = await editor.gql(CREATE, {
        input: newRelease({ slug: 'cites-known', sources: [{ url: seeded.url, title: 'A different title' }] }),
      });
      expect(createRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'sources', '0', 'title'], code: 'INVALID' })]);
      // Citing it with the same title takes the stored publisher and date.
      const ok = await editor.gql(CREATE, {
        input: newRelease({ slug: 'cites-known', sources: [{ url: seeded.url, title: seeded.title }] }),
      });
      expect(ok.createRelease.userErrors).toEqual([]);
      expect(ok.createRelease.release.sources[0]).toEqual(seeded);
    });
  });

  describe('updating', () => {
    it('changes the fields given, clears those set to null, and records before and after', async () => {
      const current = await read('llama-4');
      const { updateRelease } = await editor.gql(UPDATE, {
        input: { id: current.id, version: current.version, summary: 'Corrected summary.', family: null, reason: 'Fix the summary' },
      });
      expect(updateRelease.userErrors).toEqual([]);
      expect(updateRelease.release).toMatchObject({ version: current.version + 1, family: null, name: current.name, date: current.date });
      const history = await api.gql(
        '{ release(slug: "llama-4") { history(first: 1) { nodes { operation actor reason version changedFields before after } } } }',
      );
      const [change] = history.release.history.nodes;
      expect(change).toMatchObject({
        operation: 'UPDATE',
        actor: 'EDITOR',
        reason: 'Fix the summary',
        version: current.version + 1,
        changedFields: ['family', 'summary'],
      });
      expect(change.before.family).toBe('Llama');
      expect(change.after.family).toBeUndefined();
      expect(change.after.summary).toBe('Corrected summary.');
    });

    it('refuses a stale version as CONFLICT with the current version, and changes nothing', async () => {
      const current = await read('llama-3');
      await editor.gql(UPDATE, { input: { id: current.id, version: current.version, name: 'Llama 3 (first edit)' } });
      const { updateRelease } = await editor.gql(UPDATE, {
        input: { id: current.id, version: current.version, name: 'Llama 3 (stale edit)' },
      });
      expect(updateRelease.release).toBeNull();
      expect(updateRelease.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'version'], code: 'CONFLICT', currentVersion: current.version + 1 }),
      ]);
      expect((await read('llama-3')).name).toBe('Llama 3 (first edit)');
    });

    it('rolls a refused update back whole: the version it claimed is not spent', async () => {
      const current = await read('gpt-4');
      const { updateRelease } = await editor.gql(UPDATE, {
        input: { id: current.id, version: current.version, license: 'no-such-license' },
      });
      expect(codes(updateRelease)).toEqual(['NOT_FOUND']);
      expect(await read('gpt-4')).toEqual(current);
    });

    it('writes nothing for an update that changes nothing', async () => {
      const current = await read('gpt-4');
      const { updateRelease } = await editor.gql(UPDATE, { input: { id: current.id, version: current.version, name: current.name } });
      expect(updateRelease.userErrors).toEqual([]);
      expect(updateRelease.release.version).toBe(current.version);
    });

    it('refuses an id of another type and a record that does not exist', async () => {
      const org = (await api.gql('{ organization(slug: "meta") { id } }')).organization;
      const wrongType = await editor.gql(UPDATE, { input: { id: org.id, version: 1, name: 'x' } });
      expect(wrongType.updateRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })]);
      const missing = await editor.gql(UPDATE, { input: { id: Buffer.from('Release:nope').toString('base64'), version: 1, name: 'x' } });
      expect(missing.updateRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })]);
    });

    it('will not date a release after one that names it as predecessor', async () => {
      const llama3 = await read('llama-3');
      const { updateRelease } = await editor.gql(UPDATE, { input: { id: llama3.id, version: llama3.version, date: '2025-01-01' } });
      expect(updateRelease.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'date'],
          code: 'INVALID',
          message: expect.stringMatching(/"llama-3-1" names this release as its predecessor/),
        }),
      ]);
    });

    it('refuses to clear a required date, and keeps the stored precision when only the date changes', async () => {
      const pytorch = await read('pytorch');
      expect(pytorch.datePrecision).toBe('MONTH');
      const cleared = await editor.gql(UPDATE, { input: { id: pytorch.id, version: pytorch.version, date: null, name: 'PyTorch' } });
      expect(cleared.updateRelease.userErrors).toEqual([expect.objectContaining({ field: ['input', 'date'], code: 'INVALID' })]);
      const notFirst = await editor.gql(UPDATE, { input: { id: pytorch.id, version: pytorch.version, date: '2017-02-15' } });
      expect(notFirst.updateRelease.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'date'], message: expect.stringMatching(/first of its month/) }),
      ]);
      const moved = await editor.gql(UPDATE, { input: { id: pytorch.id, version: pytorch.version, date: '2017-02-01' } });
      expect(moved.updateRelease.release).toMatchObject({ date: '2017-02-01', datePrecision: 'MONTH' });
    });

    it('treats an empty list of optional sources as none: no change, no new version', async () => {
      const org = (await api.gql('{ organization(slug: "microsoft") { id version } }')).organization;
      await editor.gql(`mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { ${ERRORS} } }`, {
        input: { id: org.id, version: org.version, sources: null },
      });
      const bare = (await api.gql('{ organization(slug: "microsoft") { id version } }')).organization;
      const again = await editor.gql(
        `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { version } ${ERRORS} } }`,
        { input: { id: bare.id, version: bare.version, sources: [] } },
      );
      expect(again.updateOrganization).toEqual({ organization: { version: bare.version }, userErrors: [] });
    });

    it('lets exactly one of many concurrent updates win each version', async () => {
      const start = await read('gemma');
      const rounds = 4;
      const writers = 6;
      let version = start.version;
      for (let round = 0; round < rounds; round++) {
        const results = await Promise.all(
          Array.from({ length: writers }, (_, w) =>
            editor.gql(UPDATE, { input: { id: start.id, version, summary: `round ${round} writer ${w}` } }),
          ),
        );
        const winners = results.filter((r) => r.updateRelease.userErrors.length === 0);
        const losers = results.filter((r) => r.updateRelease.userErrors.length > 0);
        expect(winners).toHaveLength(1);
        expect(
          losers.every(
            (r) => r.updateRelease.userErrors[0].code === 'CONFLICT' && r.updateRelease.userErrors[0].currentVersion === version + 1,
          ),
        ).toBe(true);
        version = winners[0]!.updateRelease.release.version;
      }
      expect(version).toBe(start.version + rounds);
      const history = await api.gql(
        '{ release(slug: "gemma") { version history(first: 100) { totalCount nodes { version summary: after } } } }',
      );
      expect(history.release.version).toBe(start.version + rounds);
      // One history entry per winning write, each with its own version.
      const versions = history.release.history.nodes.map((n: { version: number }) => n.version).filter((v: number) => v > start.version);
      expect(versions).toEqual(Array.from({ length: rounds }, (_, i) => start.version + rounds - i));
    });
  });

  describe('deleting', () => {
    it('refuses to delete a record others refer to, naming them', async () => {
      const llama3 = await read('llama-3');
      const { deleteRelease } = await editor.gql(DELETE, { input: { id: llama3.id, version: llama3.version } });
      expect(deleteRelease.userErrors).toEqual([expect.objectContaining({ code: 'IN_USE', message: expect.stringMatching(/llama-3-1/) })]);
      const meta = (await api.gql('{ organization(slug: "meta") { id version } }')).organization;
      const org = await editor.gql(
        'mutation ($input: DeleteOrganizationInput!) { deleteOrganization(input: $input) { deletedId userErrors { code message } } }',
        { input: { id: meta.id, version: meta.version } },
      );
      expect(org.deleteOrganization.userErrors[0].code).toBe('IN_USE');
      expect((await read('llama-3')).version).toBe(llama3.version);
    });

    it('deletes, keeps the deletion in the audit log, and lets the slug be used again', async () => {
      const made = (await editor.gql(CREATE, { input: newRelease({ slug: 'short-lived' }) })).createRelease.release;
      const { deleteRelease } = await editor.gql(DELETE, { input: { id: made.id, version: made.version, reason: 'Duplicate entry' } });
      expect(deleteRelease).toEqual({ deletedId: made.id, userErrors: [] });
      expect(await read('short-lived')).toBeNull();
      const again = await editor.gql(DELETE, { input: { id: made.id, version: made.version } });
      expect(codes(again.deleteRelease)).toEqual(['NOT_FOUND']);

      const log = await admin.gql(
        '{ auditLog(first: 3, filter: { operations: [DELETE] }) { nodes { operation actor reason recordSlug recordId record { id } before after version } } }',
      );
      expect(log.auditLog.nodes[0]).toMatchObject({
        operation: 'DELETE',
        actor: 'ada',
        reason: 'Duplicate entry',
        recordSlug: 'short-lived',
        recordId: made.id,
        record: null,
        after: null,
        version: null,
      });
      expect(log.auditLog.nodes[0].before.slug).toBe('short-lived');

      const recreated = await editor.gql(CREATE, { input: newRelease({ slug: 'short-lived' }) });
      expect(recreated.createRelease.userErrors).toEqual([]);
    });

    it('finds a history entry by its id with node(id:): anyone while the record exists, admins only once it is deleted', async () => {
      const CHANGE = 'query ($id: ID!) { node(id: $id) { __typename id ... on Change { operation recordSlug recordId } } }';
      const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
      const made = (await editor.gql(CREATE, { input: newRelease({ slug: 'change-node' }) })).createRelease.release;
      const [created] = (await api.gql('{ release(slug: "change-node") { history { nodes { id operation } } } }')).release.history.nodes;
      expect(created.operation).toBe('CREATE');
      expect((await api.gql(CHANGE, { id: created.id })).node).toEqual({
        __typename: 'Change',
        id: created.id,
        operation: 'CREATE',
        recordSlug: 'change-node',
        recordId: made.id,
      });

      await editor.gql(DELETE, { input: { id: made.id, version: made.version, reason: 'Test of change visibility' } });
      const deleted = (await admin.gql('{ auditLog(first: 1, filter: { operations: [DELETE] }) { nodes { id recordSlug } } }')).auditLog
        .nodes[0];
      expect(deleted.recordSlug).toBe('change-node');
      for (const id of [created.id, deleted.id]) {
        expect((await api.gql(CHANGE, { id })).node).toBeNull(); // no key
        expect((await editor.gql(CHANGE, { id })).node).toBeNull(); // not an admin
        expect((await admin.gql(CHANGE, { id })).node).toMatchObject({ __typename: 'Change', id, recordSlug: 'change-node' });
      }
      expect((await api.gql(NODES, { ids: [created.id, made.id] })).nodes).toEqual([null, null]);
      expect((await admin.gql(NODES, { ids: [created.id, deleted.id] })).nodes).toEqual([
        { __typename: 'Change', id: created.id },
        { __typename: 'Change', id: deleted.id },
      ]);
    });
  });

  describe('sources on an event', () => {
    const ADD = `mutation ($input: AddEventSourceInput!) { addEventSource(input: $input) { event { version sources { id url } } ${ERRORS} } }`;
    const REMOVE = `mutation ($input: RemoveEventSourceInput!) { removeEventSource(input: $input) { event { version sources { id url } } ${ERRORS} } }`;

    it('adds and removes sources, but never the last one', async () => {
      const made = (await editor.gql(CREATE, { input: newRelease({ slug: 'sourced' }) })).createRelease.release;
      const added = await editor.gql(ADD, {
        input: {
          eventId: made.id,
          version: made.version,
          source: { url: 'https://example.org/second', title: 'Second report' },
          reason: 'Corroboration',
        },
      });
      expect(added.addEventSource.userErrors).toEqual([]);
      expect(added.addEventSource.event.sources.map((s: { url: string }) => s.url)).toEqual([
        'https://example.org/llama-5-announcement',
        'https://example.org/second',
      ]);
      const { version, sources } = added.addEventSource.event;

      const twice = await editor.gql(ADD, {
        input: { eventId: made.id, version, source: { url: 'https://example.org/second', title: 'Second report' } },
      });
      expect(codes(twice.addEventSource)).toEqual(['TAKEN']);

      const removed = await editor.gql(REMOVE, { input: { eventId: made.id, version, sourceId: sources[0].id } });
      expect(removed.removeEventSource.userErrors).toEqual([]);
      expect(removed.removeEventSource.event.sources.map((s: { url: string }) => s.url)).toEqual(['https://example.org/second']);

      const last = await editor.gql(REMOVE, { input: { eventId: made.id, version: version + 1, url: 'https://example.org/second' } });
      expect(last.removeEventSource.userErrors).toEqual([expect.objectContaining({ code: 'SOURCE_REQUIRED', field: ['input', 'url'] })]);
      const unknown = await editor.gql(REMOVE, {
        input: { eventId: made.id, version: version + 1, url: 'https://example.org/never-cited' },
      });
      expect(codes(unknown.removeEventSource)).toEqual(['NOT_FOUND']);
      const history = await api.gql('{ release(slug: "sourced") { history { nodes { mutation changedFields } } } }');
      expect(history.release.history.nodes.map((n: { mutation: string }) => n.mutation)).toEqual([
        'removeEventSource',
        'addEventSource',
        'createRelease',
      ]);
    });
  });

  describe('the other kinds of record', () => {
    it('creates, updates and deletes an organization', async () => {
      const created = await editor.gql(
        `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id slug name kind version website } ${ERRORS} } }`,
        { input: { slug: 'mistral-ai', name: 'Mistral AI', kind: 'COMPANY', website: 'https://mistral.ai/' } },
      );
      const org = created.createOrganization.organization;
      expect(org).toMatchObject({ slug: 'mistral-ai', kind: 'COMPANY', version: 1 });
      const updated = await editor.gql(
        `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { name stockTicker version } ${ERRORS} } }`,
        { input: { id: org.id, version: 1, stockTicker: 'not a ticker' } },
      );
      expect(updated.updateOrganization.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'stockTicker'], code: 'INVALID' }),
      ]);
      const deleted = await editor.gql(
        `mutation ($input: DeleteOrganizationInput!) { deleteOrganization(input: $input) { deletedId ${ERRORS} } }`,
        { input: { id: org.id, version: 1 } },
      );
      expect(deleted.deleteOrganization.userErrors).toEqual([]);
    });

    it("updates a person's roles with imprecise dates", async () => {
      const person = (await api.gql('{ person(slug: "yann-lecun") { id version roles { title } } }')).person;
      const { updatePerson } = await editor.gql(
        `mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { person { version roles { title organization { slug } startedOn startedOnPrecision endedOn } } ${ERRORS} } }`,
        {
          input: {
            id: person.id,
            version: person.version,
            roles: [
              {
                title: 'Chief AI Scientist',
                organization: 'meta',
                startedOn: '2013-12-01',
                startedOnPrecision: 'MONTH',
                endedOn: '2012-01-01',
              },
            ],
          },
        },
      );
      expect(updatePerson.userErrors).toEqual([expect.objectContaining({ field: ['input', 'roles', '0', 'endedOn'], code: 'INVALID' })]);
      const fixed = await editor.gql(
        `mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { person { version roles { title startedOn startedOnPrecision } } ${ERRORS} } }`,
        {
          input: {
            id: person.id,
            version: person.version,
            roles: [{ title: 'Chief AI Scientist', organization: 'meta', startedOn: '2013-12-01', startedOnPrecision: 'MONTH' }],
          },
        },
      );
      expect(fixed.updatePerson.userErrors).toEqual([]);
      expect(fixed.updatePerson.person.roles).toEqual([
        { title: 'Chief AI Scientist', startedOn: '2013-12-01', startedOnPrecision: 'MONTH' },
      ]);
    });

    it('will not withdraw OSI approval from a license OPEN_SOURCE releases use', async () => {
      const license = (await api.gql('{ license(slug: "mit") { id version } }')).license;
      const { updateLicense } = await editor.gql(
        `mutation ($input: UpdateLicenseInput!) { updateLicense(input: $input) { license { osiApproved } ${ERRORS} } }`,
        { input: { id: license.id, version: license.version, osiApproved: false } },
      );
      expect(updateLicense.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'osiApproved'], code: 'IN_USE', message: expect.stringMatching(/fasttext/) }),
      ]);
    });

    it('creates a policy position spoken by a person, and refuses an actor that is both', async () => {
      const input = {
        slug: 'lecun-open-research-2026',
        title: 'LeCun restates the case for open research',
        date: '2026-03-01',
        datePrecision: 'DAY',
        actor: { person: 'yann-lecun' },
        organization: 'meta',
        topic: 'OPEN_SOURCE_AI',
        stance: 'SUPPORTS',
        arguments: ['democratization'],
        sources: [{ url: 'https://example.org/lecun-2026', title: 'Interview' }],
      };
      const mutation = `mutation ($input: CreatePolicyPositionInput!) { createPolicyPosition(input: $input) { policyPosition { slug actor { ... on Person { slug } } arguments } ${ERRORS} } }`;
      const both = await editor.gql(mutation, { input: { ...input, actor: { person: 'yann-lecun', organization: 'meta' } } });
      expect(both.createPolicyPosition.userErrors).toEqual([expect.objectContaining({ field: ['input', 'actor'], code: 'INVALID' })]);
      const ok = await editor.gql(mutation, { input });
      expect(ok.createPolicyPosition).toEqual({
        policyPosition: { slug: input.slug, actor: { slug: 'yann-lecun' }, arguments: ['democratization'] },
        userErrors: [],
      });
    });
  });

  describe('the search index', () => {
    const documents = () =>
      api.store.db.selectFrom('search_documents').select(['kind', 'slug', 'title', 'body']).orderBy('kind').orderBy('slug').execute();

    it('is kept as a full rebuild would make it, including records that mention a renamed one', async () => {
      const anthropic = (await api.gql('{ organization(slug: "anthropic") { id version } }')).organization;
      const renamed = await editor.gql(
        `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { name } ${ERRORS} } }`,
        { input: { id: anthropic.id, version: anthropic.version, name: 'Anthropic PBC' } },
      );
      expect(renamed.updateOrganization.userErrors).toEqual([]);
      const found = await api.gql('{ search(query: "\\"Anthropic PBC\\"", first: 50) { nodes { __typename ... on Release { slug } } } }');
      expect(found.search.nodes).toContainEqual({ __typename: 'Release', slug: 'claude-3-5-sonnet' });

      const incremental = await documents();
      await api.store.db.transaction().execute((trx) => rebuildSearchIndex(trx));
      expect(await documents()).toEqual(incremental);
    });
  });

  describe('the audit log', () => {
    it('pages newest first with cursors, and filters by key and record type', async () => {
      const first = await admin.gql(
        '{ auditLog(first: 2, filter: { actors: ["ada"], recordTypes: [RELEASE] }) { totalCount pageInfo { hasNextPage endCursor } nodes { id actor recordType recordId record { id } } } }',
      );
      for (const node of first.auditLog.nodes) expect(node.record?.id ?? node.recordId).toBe(node.recordId);
      expect(first.auditLog.nodes).toHaveLength(2);
      expect(
        first.auditLog.nodes.every((n: { actor: string; recordType: string }) => n.actor === 'ada' && n.recordType === 'RELEASE'),
      ).toBe(true);
      const next = await admin.gql(
        `{ auditLog(first: 2, after: "${first.auditLog.pageInfo.endCursor}", filter: { actors: ["ada"], recordTypes: [RELEASE] }) { nodes { id } } }`,
      );
      const ids = [...first.auditLog.nodes, ...next.auditLog.nodes].map((n: { id: string }) => n.id);
      expect(new Set(ids).size).toBe(4);
      expect(first.auditLog.totalCount).toBeGreaterThanOrEqual(4);
    });
  });
});
