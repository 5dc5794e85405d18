import { STORE_KINDS, TestApi } from '../../support/harness';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  describe('licenses', () => {
    it('lists every Llama license with the 700M threshold, and the OSI licenses as approved', async () => {
      const { licenses } = await api.gql(
        '{ licenses(first: 100) { nodes { slug spdxId osiApproved allowsCommercialUse userThreshold restrictions releases(first: 50) { totalCount nodes { slug } } } } }',
      );
      const bySlug = Object.fromEntries(licenses.nodes.map((l: any) => [l.slug, l]));
      for (const v of ['2', '3', '3-1', '3-2', '3-3', '4']) {
        expect(bySlug[`llama-${v}-community-license`]).toMatchObject({
          osiApproved: false,
          allowsCommercialUse: true,
          userThreshold: 700000000,
        });
      }
      expect(bySlug['llama-research-license']).toMatchObject({ osiApproved: false, allowsCommercialUse: false });
      for (const slug of ['apache-2-0', 'mit', 'bsd-3-clause']) expect(bySlug[slug].osiApproved).toBe(true);
      expect(bySlug['apache-2-0'].spdxId).toBe('Apache-2.0');
      expect(bySlug['gemma-terms-of-use'].osiApproved).toBe(false);
      expect(bySlug['llama-2-community-license'].releases.nodes.map((r: any) => r.slug)).toContain('llama-2');
    });
  });
});
