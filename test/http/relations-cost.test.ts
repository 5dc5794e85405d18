import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { getSchema } from '../../src/app/schema';
import { ASSUMED_LINKS, costCheck } from '../../src/http/limits';
import { postJson, startLive, type Live } from '../support/live';

/*
 * The cost of nested relations over HTTP: `relations` and `referencedBy` take no `first`,
 * so the cost counts the fields under them ASSUMED_LINKS times, and nesting them in each
 * other multiplies as the links they fetch do. A page two levels deep is answered; one
 * alternating four levels deep (within MAX_DEPTH) is refused before it runs.
 */

let live: Live;
beforeAll(async () => {
  live = await startLive({ RATE_LIMIT_MAX: '0' });
});
afterAll(() => live.close());

/** `levels` lists of links nested in each other, alternating ends, each event with its slug. */
const alternating = (levels: number): string =>
  levels === 0 ? '' : `${levels % 2 ? 'relations' : 'referencedBy'} { type event { slug ${alternating(levels - 1)} } }`;
const page = (levels: number) => `{ timeline(first: 50) { nodes { slug ${alternating(levels)} } } }`;

it('answers a page of events with their links two levels deep', async () => {
  const reply = await postJson(live.base, { query: page(2) });
  expect(reply.status).toBe(200);
  expect(reply.body.errors).toBeUndefined();
  expect(reply.body.data.timeline.nodes.length).toBeGreaterThan(0);
});

it('refuses a page of events with their links alternating four levels deep, by cost', async () => {
  const reply = await postJson(live.base, { query: page(4) });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 20000 });
  expect(reply.body.errors[0].extensions.cost).toBeGreaterThan(50 * ASSUMED_LINKS ** 4);
  expect(reply.body.errors[0].message).toContain(`relations or referencedBy ${ASSUMED_LINKS} times`);
});

it('counts the fields under each level of links ASSUMED_LINKS times', async () => {
  const check = costCheck(await getSchema(), 1, false);
  const costOf = (query: string) => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return check(document, operation, {})[0]!.extensions.cost as number;
  };
  const one = (levels: number) => `{ policyAction(slug: "us-eo-14110") { slug ${alternating(levels)} } }`;
  // policyAction, slug; then a list of links: itself, and per link its type, event and the event's slug.
  expect(costOf(one(1))).toBe(2 + 1 + ASSUMED_LINKS * 3);
  // One level more: per outer link, the inner list too.
  expect(costOf(one(2))).toBe(2 + 1 + ASSUMED_LINKS * (3 + 1 + ASSUMED_LINKS * 3));
});
