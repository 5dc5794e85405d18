import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { ChangeRow, CitationSubject } from '../db/database';
import { recordOf, toChange } from './history.service';
import type { Context } from '../app/context';
import { Node } from '../graphql/relay/node.type';
import { ForwardPageArgs } from '../graphql/relay/args';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import type { PageRequest } from '../db/paging';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import { KINDS } from '../records/registry';
import { countChanges, findChangesPage, type ChangeCriteria } from './history.repository';
import { AuditLogFilter, Change, ChangeConnection } from './history.type';

/* `history` on every curated record (anyone may read it) and `auditLog` (admins only). */

/** Change ids are the sort key: the cursor holds one, and a page asks for ids below it. */
const beforeIdOf = (request: PageRequest) => (request.after ? Number(request.after[0]) : null);
const keyOf = (row: ChangeRow) => [String(row.id)];

function historyPage(args: PageArgs, rows: (request: PageRequest) => Promise<ChangeRow[]>, count: () => Promise<number>) {
  const request = pageRequest(args, ['id']);
  return rows(request).then((list) => new ChangeConnection(toPage(list, request, keyOf, toChange, count)));
}

/** A `history` field for one record type (one resolver class per type, like type-graphql's generic resolvers). */
function historyResolver<T extends { dbId: number }>(type: ClassType<T>, subjectType: CitationSubject) {
  @Resolver(() => type)
  class HistoryResolver {
    @FieldResolver(() => ChangeConnection, {
      description: 'Every recorded change to this record, newest first: who, when, why, before and after.',
    })
    history(@Root() record: T, @Args(() => ForwardPageArgs) args: ForwardPageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Change>> {
      const { history } = ctx.loaders;
      return historyPage(
        args,
        (request) => history.pages.load({ subjectType, id: record.dbId, beforeId: beforeIdOf(request), limit: request.limit + 1 }),
        () => history.counts.load({ subjectType, id: record.dbId }),
      );
    }
  }
  return HistoryResolver;
}

export const historyResolvers = KINDS.map((def) => historyResolver(def.type() as ClassType<{ dbId: number }>, def.subject));

@Resolver(() => Change)
export class ChangeResolver {
  @FieldResolver(() => Node, {
    nullable: true,
    description: 'The record as it is now; null when it has been deleted (even if a new record has taken its slug since).',
  })
  record(@Root() change: Change, @Ctx() ctx: Context): Promise<Node | null> {
    return recordOf(ctx, change);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Who made it: for an ADMIN caller, the name of the API key; for anyone else, the key's role (`EDITOR` or `ADMIN`), since key names may be e-mail addresses. Null for changes made by seeding.",
  })
  async actor(@Root() change: Change, @Ctx() ctx: Context): Promise<string | null> {
    if (change.keyName === null) return null;
    return (await ctx.credentials.holds('ADMIN')) ? change.keyName : change.keyRole;
  }
}

@Resolver()
export class AuditLogResolver {
  @Query(() => ChangeConnection, {
    description: 'Every change to every record, newest first, deleted records included. Needs an ADMIN key.',
  })
  async auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which changes to list.' }) filter: AuditLogFilter | null,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Change>> {
    await ctx.credentials.require('ADMIN');
    const criteria: ChangeCriteria = { subjectTypes: filter?.recordTypes, operations: filter?.operations, actors: filter?.actors };
    const { db } = ctx.store;
    return historyPage(
      args,
      (request) => findChangesPage(db, criteria, beforeIdOf(request), request.limit + 1),
      () => countChanges(db, criteria),
    );
  }
}
