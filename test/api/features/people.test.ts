import { STORE_KINDS, TestApi } from '../../support/harness';

describe.each(STORE_KINDS)('on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.create(kind);
  });
  afterAll(() => api.close());

  describe('people', () => {
    it('Nick Clegg has dated roles at Meta and his positions', async () => {
      const { person } = await api.gql(`{
        person(slug: "nick-clegg") {
          name roles { title startedOn startedOnPrecision endedOn organization { slug } }
          policyPositions { totalCount nodes { slug actor { ... on Person { slug } } } }
        }
      }`);
      expect(person.name).toBe('Nick Clegg');
      expect(person.roles.length).toBeGreaterThan(0);
      expect(person.roles.every((r: any) => r.organization.slug === 'meta')).toBe(true);
      expect(person.roles[0].startedOn).toMatch(/^2018-/);
      expect(person.policyPositions.totalCount).toBeGreaterThan(0);
      expect(person.policyPositions.nodes.every((p: any) => p.actor.slug === 'nick-clegg')).toBe(true);
    });

    it('lists every required person', async () => {
      const { people } = await api.gql('{ people(first: 100) { totalCount nodes { slug roles { title } } } }');
      const slugs = people.nodes.map((p: any) => p.slug);
      expect(slugs).toEqual(
        expect.arrayContaining(['mark-zuckerberg', 'nick-clegg', 'yann-lecun', 'sam-altman', 'ilya-sutskever', 'dario-amodei']),
      );
      expect(people.nodes.every((p: any) => p.roles.length > 0)).toBe(true);
    });
  });
});
