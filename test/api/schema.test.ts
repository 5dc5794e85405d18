import fs from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLSchema } from 'graphql';
import { getSchema, printSortedSchema } from '../../src/app/schema';

describe('the committed SDL', () => {
  it('matches the code (run `npm run schema:emit` after changing the schema)', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printSortedSchema());
  });
});

function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (where: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(where);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    } else if (!isScalarType(type) && !isUnionType(type)) {
      missing.push(`${(type as { name: string }).name} (unexpected kind)`);
    }
  }
  return missing;
}

describe('the schema', () => {
  it('describes every type, field, argument and enum value', async () => {
    expect(undocumented(await getSchema())).toEqual([]);
  });

  it('has the contract’s entry points and types', async () => {
    const schema = await getSchema();
    const query = schema.getQueryType()!.getFields();
    for (const field of [
      'node',
      'nodes',
      'organization',
      'organizations',
      'person',
      'people',
      'release',
      'releases',
      'license',
      'licenses',
      'policyPosition',
      'policyPositions',
      'policyAction',
      'policyActions',
      'timeline',
    ]) {
      expect(query[field]).toBeDefined();
    }
    expect(query.timeline.args.map((a) => a.name).sort()).toEqual(['after', 'before', 'filter', 'first', 'last', 'orderBy']);
    const timelineEvent = schema.getType('TimelineEvent');
    expect(isInterfaceType(timelineEvent)).toBe(true);
    expect(
      schema
        .getPossibleTypes(timelineEvent as never)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['PolicyAction', 'PolicyPosition', 'Release']);
    expect(
      schema
        .getPossibleTypes(schema.getType('Node') as never)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Change', 'License', 'Organization', 'Person', 'PolicyAction', 'PolicyPosition', 'Release', 'Source']);
  });

  it('types UserError.code as an enum, says what DateTime holds, and writes "an" before a vowel', async () => {
    const schema = await getSchema();
    const code = (schema.getType('UserError') as never as { getFields(): Record<string, { type: { toString(): string } }> })
      .getFields()
      .code.type.toString();
    expect(code).toBe('UserErrorCode!');
    const codes = schema.getType('UserErrorCode');
    expect(
      isEnumType(codes) &&
        codes
          .getValues()
          .map((v) => v.name)
          .sort(),
    ).toEqual(['CONFLICT', 'INVALID', 'IN_USE', 'NOT_FOUND', 'SOURCE_REQUIRED', 'TAKEN']);
    for (const name of ['Date', 'DateTime', 'JSONObject'])
      expect((schema.getType(name) as { specifiedByURL?: string }).specifiedByURL).toMatch(/^https?:\/\//);
    const sdl = await printSortedSchema();
    expect(sdl.match(/\ba [AEIOU]\w*/g) ?? []).toEqual([]);
  });
});
