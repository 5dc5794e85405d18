import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CurationResolver, kindMutationResolvers } from '../curation/curation.resolver';
import { AuditLogResolver, ChangeResolver, historyResolvers } from '../curation/history.resolver';
import { TimelineLiveResolver } from '../live/timeline-live.resolver';
import { SearchResolver } from '../search/search.resolver';
import { EventRelationsResolver } from '../relations/relation.resolver';
import { TimelineResolver } from '../timeline/timeline.resolver';
import { KINDS } from '../records/registry';
import { NodeResolver } from './node.resolver';
import { DateScalar } from '../graphql/scalars/date.scalar';

export const resolvers = [
  NodeResolver,
  ...KINDS.flatMap((def) => def.resolvers),
  TimelineResolver,
  EventRelationsResolver,
  SearchResolver,
  CurationResolver,
  ...kindMutationResolvers,
  AuditLogResolver,
  ChangeResolver,
  ...historyResolvers,
  TimelineLiveResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

const unusedPubSub = (): never => {
  throw new Error('type-graphql pubSub is not used: subscriptions take their events from ctx.events');
};

/** The schema is the same for every request and server: build it once per process. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateScalar }],
    // Inputs are validated by the services (with errors that name the argument), not by class-validator.
    validate: false,
    // Required by type-graphql once there are subscriptions; ours listen on the context's event bus instead.
    pubSub: { publish: unusedPubSub, subscribe: unusedPubSub },
  }).then((schema) => {
    // type-graphql has no option for the root type's description.
    schema.getQueryType()!.description =
      'Read access to curated, sourced data on AI releases, the organizations behind them and the policy positions their leaders take.';
    schema.getMutationType()!.description =
      'Curation: add and correct records. Every mutation needs an API key (`Authorization: Bearer <key>`) with the EDITOR or ADMIN role, runs in one transaction, and is kept in the history.';
    schema.getSubscriptionType()!.description =
      'Live updates: timeline events as curators add, change and delete them (graphql-ws on /graphql).';
    return schema;
  });
  return built;
}

/** The committed SDL: sorted, so diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
