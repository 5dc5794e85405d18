import {
  GraphQLError,
  Kind,
  TypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { MAX_ECHO } from './echo';

/*
 * One check over every input value of an operation, after parsing and before execution:
 * literal arguments in the document, variable defaults and variables, over HTTP and
 * WebSocket alike. It walks values by their schema types, so it covers every list argument
 * and input field without per-field code:
 * - a list holds at most `maxListItems` items (or a field's own `maxItems` extension), so a
 *   filter of 40,000 slugs, or a subscription holding one for its lifetime, never reaches
 *   the loaders, the SQL or the heap;
 * - no string holds NUL (U+0000): PostgreSQL cannot store it, and GraphQL's own `\u{0}`
 *   escape gets past any check on the raw request text.
 * The first problem found is a BAD_USER_INPUT error (HTTP 400) naming the argument.
 */

export interface InputLimits {
  maxListItems: number;
}

const badInput = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } } });

/** A path as echoed: keys of an input object are the client's own text, so it is cut short. */
const cut = (path: string) => (path.length > 2 * MAX_ECHO ? `${path.slice(0, 2 * MAX_ECHO)}…` : path);

function tooMany(full: string, length: number, limit: number): GraphQLError {
  const path = cut(full);
  return badInput(
    `Argument "${path}" has ${length} items; a list takes at most ${limit} (MAX_LIST_ITEMS). Split the request, or narrow it another way.`,
    {
      argumentName: path,
      length,
      limit,
    },
  );
}

function nul(full: string): GraphQLError {
  const path = cut(full);
  return badInput(`Argument "${path}" contains a NUL character (U+0000), which no field accepts.`, { argumentName: path });
}

/** A field's own cap (type-graphql `@Extensions({ maxItems })`), else the general one. */
function capOf(extensions: Readonly<Record<string, unknown>> | undefined | null, limits: InputLimits): number {
  const own = extensions?.maxItems;
  return typeof own === 'number' ? own : limits.maxListItems;
}

/** A JSON value (a variable) against its input type. */
function checkValue(value: unknown, type: GraphQLInputType, path: string, cap: number, limits: InputLimits): GraphQLError | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path, cap, limits);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, path, limits.maxListItems, limits); // one item coerces to a list
    if (value.length > cap) return tooMany(path, value.length, cap);
    for (let i = 0; i < value.length; i++) {
      const problem = checkValue(value[i], type.ofType, `${path}[${i}]`, limits.maxListItems, limits);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null; // coercion refuses it, with its own message
    const fields = type.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
      const problem = field
        ? checkValue(item, field.type, `${path}.${name}`, capOf(field.extensions, limits), limits)
        : anyValue(item, `${path}.${name}`, limits);
      if (problem) return problem;
    }
    return null;
  }
  return anyValue(value, path, limits); // scalars and enums (a custom scalar may take objects)
}

/** Where a value sits, as a chain of keys: the path is spelled out only for an error. */
interface Place {
  parent: Place | null;
  key: string;
}

function spell(place: Place): string {
  const keys: string[] = [];
  for (let at: Place | null = place; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('');
}

/**
 * Any JSON value, typed or not: strings for NUL, arrays for length. Iterative, and with
 * paths spelled out only on error, because a client may nest a value 50,000 deep: recursion
 * would overflow the stack (a 500) where variable coercion answers BAD_USER_INPUT.
 */
function anyValue(root: unknown, rootPath: string, limits: InputLimits): GraphQLError | null {
  const pending: [unknown, Place][] = [[root, { parent: null, key: rootPath }]];
  while (pending.length) {
    const [value, place] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return nul(spell(place));
    } else if (Array.isArray(value)) {
      if (value.length > limits.maxListItems) return tooMany(spell(place), value.length, limits.maxListItems);
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], { parent: place, key: `[${i}]` }]);
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [name, item] = entries[i]!;
        if (name.includes('\u0000')) return nul(spell(place));
        pending.push([item, { parent: place, key: `.${name}` }]);
      }
    }
  }
  return null;
}

/** A literal in the document against its input type (variables inside it are checked as variables). */
function checkLiteral(
  node: ValueNode,
  type: GraphQLInputType | null | undefined,
  path: string,
  cap: number,
  limits: InputLimits,
): GraphQLError | null {
  switch (node.kind) {
    case Kind.STRING:
      return node.value.includes('\u0000') ? nul(path) : null;
    case Kind.LIST: {
      const inner = type && isNonNullType(type) ? type.ofType : type;
      const item = inner && isListType(inner) ? inner.ofType : null;
      if (node.values.length > cap) return tooMany(path, node.values.length, cap);
      for (let i = 0; i < node.values.length; i++) {
        const problem = checkLiteral(node.values[i]!, item, `${path}[${i}]`, limits.maxListItems, limits);
        if (problem) return problem;
      }
      return null;
    }
    case Kind.OBJECT: {
      const inner = type && isNonNullType(type) ? type.ofType : type;
      const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
      for (const field of node.fields) {
        const def = Object.hasOwn(fields, field.name.value) ? fields[field.name.value] : undefined;
        const problem = checkLiteral(field.value, def?.type, `${path}.${field.name.value}`, capOf(def?.extensions, limits), limits);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * Where each variable is used, as an argument path ("filter.organizations"), so that an
 * error about a variable names the argument the client will recognise.
 */
function variableUses(document: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  const path: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    Variable: (node) => {
      if (path.length && !uses.has(node.name.value)) uses.set(node.name.value, path.join('.'));
    },
  });
  return uses;
}

/** Throws BAD_USER_INPUT for the first over-long list or NUL in the operation's inputs. */
export function checkInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  limits: InputLimits,
): void {
  const typeInfo = new TypeInfo(schema);
  let problem: GraphQLError | null = null;
  const uses = variableUses(document);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        if (problem) return false;
        const argument = typeInfo.getArgument();
        problem = checkLiteral(node.value, argument?.type, node.name.value, capOf(argument?.extensions, limits), limits);
        return false;
      },
      VariableDefinition(node) {
        if (problem) return false;
        const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
        const name = node.variable.name.value;
        const where = uses.get(name) ?? `$${name}`;
        if (node.defaultValue) problem = checkLiteral(node.defaultValue, type, where, limits.maxListItems, limits);
        if (!problem && variables && Object.hasOwn(variables, name)) {
          problem = type ? checkValue(variables[name], type, where, limits.maxListItems, limits) : anyValue(variables[name], where, limits);
        }
        return false;
      },
    }),
  );
  if (problem) throw problem;
  // Variables no operation declares are never used, but a NUL or a huge list in them is still refused.
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (name.includes('\u0000')) throw nul(`$${name}`);
    if (!uses.has(name) && !declared(document, name)) {
      const extra = anyValue(value, `$${name}`, limits);
      if (extra) throw extra;
    }
  }
}

function declared(document: DocumentNode, name: string): boolean {
  return document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.variableDefinitions?.some((v) => v.variable.name.value === name),
  );
}
