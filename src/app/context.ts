import type { Logger } from 'pino';

/** The logging a resolver may do (request-scoped: every line carries the request id). */
export type RequestLog = Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>;
import { Credentials } from '../auth/credentials';
import { createHistoryLoaders } from '../curation/history.loaders';
import type { Store } from '../db/connect';
import { createLicenseLoaders } from '../licenses/license.loaders';
import { createOrganizationLoaders } from '../organizations/organization.loaders';
import { createPersonLoaders } from '../people/person.loaders';
import { createPolicyActionLoaders } from '../policy-actions/policy-action.loaders';
import { createPositionLoaders } from '../positions/position.loaders';
import { createRelationLoaders } from '../relations/relation.loaders';
import { createReleaseLoaders } from '../releases/release.loaders';
import { createSourceLoaders } from '../sources/source.loaders';
import { inProcessEvents, type TimelineEvents } from '../live/timeline-events';
import { createTimelineLoaders } from '../timeline/timeline.loaders';

/** Fresh for every request: loaders cache only within the request that made them. */
export function createLoaders(store: Store) {
  return {
    organizations: createOrganizationLoaders(store),
    people: createPersonLoaders(store),
    licenses: createLicenseLoaders(store),
    releases: createReleaseLoaders(store),
    positions: createPositionLoaders(store),
    policyActions: createPolicyActionLoaders(store),
    relations: createRelationLoaders(store),
    sources: createSourceLoaders(store),
    timeline: createTimelineLoaders(store),
    history: createHistoryLoaders(store),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  store: Store;
  loaders: Loaders;
  requestId: string;
  log: RequestLog;
  /** The caller's API key, checked only when an operation needs a role. */
  credentials: Credentials;
  /** Where committed changes are announced to subscribers. */
  events: TimelineEvents;
  /**
   * Starts the loaders afresh (after a write, so what follows reads the new data), or
   * hands the context loaders shared with others (a change delivered to many subscribers).
   */
  refreshLoaders(loaders?: Loaders): void;
}

export interface RequestInfo {
  /** The request's Authorization header, if any. */
  authorization?: string | undefined;
  events: TimelineEvents;
}

/** For callers without a service (scripts, tests of read paths): changes reach this process only. */
let processEvents: TimelineEvents | undefined;
const defaultInfo = (): RequestInfo => ({ events: (processEvents ??= inProcessEvents()) });

export function createContext(store: Store, requestId: string, log: RequestLog, info: RequestInfo = defaultInfo()): Context {
  const ctx: Context = {
    store,
    loaders: createLoaders(store),
    requestId,
    log,
    credentials: new Credentials(store, info.authorization),
    events: info.events,
    refreshLoaders: (loaders = createLoaders(store)) => void (ctx.loaders = loaders),
  };
  return ctx;
}
