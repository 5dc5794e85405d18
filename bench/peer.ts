import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { addResolversToSchema } from '@graphql-tools/schema';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';
import pino from 'pino';
import { parseDatabaseUrl } from '../src/config';
import { openStore, statementCount } from '../src/db/connect';
import { createContext, type Context } from '../src/graphql/context';
import { DateScalar } from '../src/graphql/scalars/date.scalar';
import { licenseById, restrictionsOf } from '../src/licenses/license.service';
import { organizationById, organizationBySlug, organizationMembers } from '../src/organizations/organization.service';
import {
  releasesOf,
  releaseById,
  releaseBySlug,
  listReleases,
  variantsOf,
  modalitiesOf,
  comparedWithOf,
} from '../src/releases/release.service';
import { actorOf, argumentsOf, positionsOf } from '../src/positions/position.service';
import { personBySlug, rolesOf } from '../src/people/person.service';
import { positionBySlug } from '../src/positions/position.service';
import { sourceByKey, sourcesOf } from '../src/sources/source.service';
import { listTimeline, organizationTimeline } from '../src/timeline/timeline.service';
import { search } from '../src/search/search.service';
import { fromGlobalId } from '../src/graphql/relay/global-id';

/*
 * The lean peer: the same schema (the committed SDL) and the same services, executed by
 * plain graphql-js behind graphql-http on node:http. No Apollo, no type-graphql, no
 * Fastify, no limits, no cache: what a user could build instead. Used only by the
 * benchmark, for the ratio "service / peer".
 */

type Args = Record<string, any>;
const byType = (v: object) => v.constructor.name;

const fetchers: Record<string, (ctx: Context, key: string) => Promise<unknown>> = {
  Organization: organizationBySlug,
  Person: personBySlug,
  Release: releaseBySlug,
  PolicyPosition: positionBySlug,
  Source: sourceByKey,
};
const nodeOf = (ctx: Context, id: string) => {
  const parsed = fromGlobalId(id);
  return parsed && fetchers[parsed.type] ? fetchers[parsed.type](ctx, parsed.key) : null;
};

const resolvers = {
  Date: DateScalar,
  Node: { __resolveType: byType },
  TimelineEvent: { __resolveType: byType },
  Actor: { __resolveType: byType },
  SearchResult: { __resolveType: byType },
  Query: {
    timeline: (_: unknown, a: Args, ctx: Context) => listTimeline(ctx, a.filter, a.orderBy, a),
    organization: (_: unknown, a: Args, ctx: Context) => organizationBySlug(ctx, a.slug),
    release: (_: unknown, a: Args, ctx: Context) => releaseBySlug(ctx, a.slug),
    releases: (_: unknown, a: Args, ctx: Context) => listReleases(ctx, a.filter, a.orderBy, a),
    node: (_: unknown, a: Args, ctx: Context) => nodeOf(ctx, a.id),
    nodes: (_: unknown, a: Args, ctx: Context) => Promise.all(a.ids.map((id: string) => nodeOf(ctx, id))),
    search: (_: unknown, a: Args, ctx: Context) => search(ctx, a.query, a),
  },
  Organization: {
    people: (o: any, a: Args, ctx: Context) => organizationMembers(ctx, o, a),
    releases: (o: any, a: Args, ctx: Context) => releasesOf(ctx, 'organization_id', o.dbId, a.filter, a.orderBy, a),
    policyPositions: (o: any, a: Args, ctx: Context) => positionsOf(ctx, 'organization_id', o.dbId, a.filter, a.orderBy, a),
    timeline: (o: any, a: Args, ctx: Context) => organizationTimeline(ctx, o.dbId, a.filter, a.orderBy, a),
    sources: (o: any, _a: Args, ctx: Context) => sourcesOf(ctx, 'ORGANIZATION', o.dbId),
  },
  Person: {
    roles: (p: any, _a: Args, ctx: Context) => rolesOf(ctx, p),
    policyPositions: (p: any, a: Args, ctx: Context) => positionsOf(ctx, 'actor_person_id', p.dbId, a.filter, a.orderBy, a),
    sources: (p: any, _a: Args, ctx: Context) => sourcesOf(ctx, 'PERSON', p.dbId),
  },
  Role: { organization: (r: any, _a: Args, ctx: Context) => organizationById(ctx, r.organizationId) },
  License: {
    restrictions: (l: any, _a: Args, ctx: Context) => restrictionsOf(ctx, l),
    releases: (l: any, a: Args, ctx: Context) => releasesOf(ctx, 'license_id', l.dbId, a.filter, a.orderBy, a),
    sources: (l: any, _a: Args, ctx: Context) => sourcesOf(ctx, 'LICENSE', l.dbId),
  },
  Release: {
    organization: (r: any, _a: Args, ctx: Context) => organizationById(ctx, r.organizationId),
    license: (r: any, _a: Args, ctx: Context) => licenseById(ctx, r.licenseId),
    variants: (r: any, _a: Args, ctx: Context) => variantsOf(ctx, r),
    modalities: (r: any, _a: Args, ctx: Context) => modalitiesOf(ctx, r),
    predecessor: (r: any, _a: Args, ctx: Context) => releaseById(ctx, r.predecessorId),
    comparedWith: (r: any, _a: Args, ctx: Context) => comparedWithOf(ctx, r),
    sources: (r: any, _a: Args, ctx: Context) => sourcesOf(ctx, 'RELEASE', r.dbId),
  },
  PolicyPosition: {
    actor: (p: any, _a: Args, ctx: Context) => actorOf(ctx, p),
    organization: (p: any, _a: Args, ctx: Context) => organizationById(ctx, p.organizationId),
    arguments: (p: any, _a: Args, ctx: Context) => argumentsOf(ctx, p),
    sources: (p: any, _a: Args, ctx: Context) => sourcesOf(ctx, 'POLICY_POSITION', p.dbId),
  },
};

const sdl = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
const schema = addResolversToSchema({ schema: buildSchema(sdl), resolvers });
const store = openStore(parseDatabaseUrl(process.env.DATABASE_URL));
const log = pino({ level: 'silent' });
let n = 0;
const handler = createHandler({ schema, context: () => createContext(store, String(++n), log) as unknown as Record<string, unknown> });
const server = http.createServer((req, res) => {
  if (req.url === '/statements') return void res.end(String(statementCount.value));
  handler(req, res);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
  console.log(`peer listening on ${(server.address() as { port: number }).port}`),
);
process.on('SIGTERM', () => server.close(() => store.close().then(() => process.exit(0))));
