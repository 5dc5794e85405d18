import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { createTestStore, TestApi } from '../support/harness';
import { startService } from '../support/service';

/*
 * The README's GraphQL is what front-end developers copy: every example must validate
 * against the committed SDL, select `id` wherever the type has one (or normalized caches
 * keep nothing), answer without errors on the seeded data, and the cache set-up it shows
 * must name the schema's real types.
 */

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const schema = buildSchema(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));

const fenced = (lang: string) => [...readme.matchAll(new RegExp('^( *)```' + lang + '\\n([\\s\\S]*?)^\\1```', 'gm'))].map((m) => m[2]!);
const examples = [
  ...fenced('graphql'),
  // Inline examples in the text: the history query.
  ...[...readme.matchAll(/`(release\(slug: "[^`]+)`/g)].map((m) => `{ ${m[1]} }`),
  // The curl example's query.
  ...[...readme.matchAll(/"query":"(\{.*?\})"\}/g)].map((m) => JSON.parse(`"${m[1]}"`) as string),
];

/** Selection sets on a type with an `id` field that do not select it. */
function missingIds(schemaUsed: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schemaUsed);
  const missing: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node, _key, parent, _path, ancestors) {
        const selectsId = (set: SelectionSetNode) => set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'id');
        const inFragment = parent && 'kind' in parent && parent.kind === Kind.INLINE_FRAGMENT;
        // `... on Release { name }` needs no id of its own when the field around it selected one (an interface's).
        const around = [...ancestors]
          .reverse()
          .find((a): a is SelectionSetNode => !Array.isArray(a) && (a as SelectionSetNode).kind === Kind.SELECTION_SET);
        if (inFragment && around && selectsId(around)) return;
        const type = inFragment ? typeInfo.getParentType() : getNamedType(typeInfo.getType() ?? typeInfo.getParentType());
        if (!type || !isCompositeType(type) || !(isObjectType(type) || isInterfaceType(type)) || !type.getFields().id) return;
        if (!selectsId(node)) missing.push(`${type.name} at line ${node.loc?.startToken.line}`);
      },
    }),
  );
  return missing;
}

describe('README examples', () => {
  it('are found', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  it.each(examples.map((e) => [e.split('\n')[0]!.slice(0, 60), e]))(
    '%s validates against schema/schema.graphql and selects every id',
    (_, example) => {
      const document = parse(example);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      expect(missingIds(schema, document)).toEqual([]);
    },
  );

  it('answers every query example on the seeded data without errors', async () => {
    const api = await TestApi.create();
    try {
      const queries = examples.filter((e) =>
        parse(e).definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === 'query'),
      );
      expect(queries.length).toBeGreaterThanOrEqual(6);
      for (const query of queries) {
        const result = await api.run(query, { filter: { organizations: ['meta'] } });
        expect([query.slice(0, 40), result.errors ?? []]).toEqual([query.slice(0, 40), []]);
      }
    } finally {
      await api.close();
    }
  });

  it("names the schema's real interfaces, unions and id-less types in the cache set-up", () => {
    const ts = fenced('ts').join('\n');
    const possible = /possibleTypes: \{([\s\S]*?)\n {4}\},/.exec(ts)![1]!;
    const entries = [...possible.matchAll(/(\w+): \[([^\]]+)\]/g)];
    expect(entries.length).toBe(4);
    for (const [, abstract, list] of entries) {
      const names = [...list!.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort();
      expect([abstract, names]).toEqual([
        abstract,
        schema
          .getPossibleTypes(schema.getType(abstract!) as never)
          .map((t) => t.name)
          .sort(),
      ]);
    }
    const keys = [.../keys: \{([^}]+)\}/.exec(ts)![1]!.matchAll(/(\w+): \(\) => null/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(3);
    for (const name of keys) {
      const type = schema.getType(name);
      expect([name, isObjectType(type) && !type.getFields().id]).toEqual([name, true]);
    }
  });

  it('runs the Apollo Client set-up as written against the real service: two pages of TimelinePage merged into one list, each event cached once by id', async () => {
    const store = await createTestStore();
    const { base, close } = await startService(store);
    try {
      const setup = fenced('ts')
        .find((b) => b.includes('new ApolloClient'))!
        .replace('https://timeline.example.org/graphql', `${base}/graphql`);
      const timelinePage = examples.find((e) => e.startsWith('query TimelinePage'))!;
      // Apollo Client 4 is ESM, which jest on Node 20 cannot load: the README code runs in a Node process of its own.
      const script = `${setup}
        import { gql } from '@apollo/client';
        const query = gql(${JSON.stringify(timelinePage)});
        const variables = { filter: { organizations: ['meta', 'openai'] } };
        const watch = client.watchQuery({ query, variables });
        const first = await client.query({ query, variables });
        await watch.fetchMore({ variables: { after: first.data.timeline.pageInfo.endCursor } });
        const merged = client.readQuery({ query, variables });
        const cached = Object.keys(client.cache.extract()).filter((k) => /^(Release|PolicyPosition|PolicyAction):/.test(k));
        console.log(JSON.stringify({ firstPage: first.data.timeline.edges.length, ids: merged.timeline.edges.map((e) => e.node.id), cached }));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: path.join(__dirname, '..', '..'),
      });
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as { firstPage: number; ids: string[]; cached: string[] };
      expect(result.firstPage).toBe(20);
      expect(result.ids.length).toBeGreaterThan(20);
      expect(new Set(result.ids).size).toBe(result.ids.length);
      expect(result.cached.length).toBe(result.ids.length);
    } finally {
      await close();
      await store.close();
    }
  }, 60_000);
});
