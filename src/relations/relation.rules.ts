import { datePeriod as period } from '../domain/dates';
import type { RelationType, TimelineEventType } from '../domain/vocabulary';
import { stepKey, type Lookup, type Report, type Step } from '../records/kind';
import type { SeedRelation } from './relation.schema';
import { EVENT_TARGETS, EVENT_TYPES } from './relation.targets';

/*
 * The rules on relations, the same for every kind of event. Each is written against a
 * `Lookup`, so the seed check, a mutation and a re-seed say the same thing.
 */

/** A timeline event in seed format, as far as relations are concerned. */
export interface RelatedEvent {
  slug: string;
  date: string;
  relations?: SeedRelation[];
}

const linksOf = (e: RelatedEvent | undefined): SeedRelation[] => e?.relations ?? [];

/** Links that make a line of succession, which may not come back to where it started. */
export const CHAIN_TYPES: ReadonlySet<RelationType> = new Set(['REVOKES', 'SUPERSEDES']);
/** Links whose target comes first: what is revoked or implemented exists already. */
export const DATED_TYPES: ReadonlySet<RelationType> = new Set(['REVOKES', 'IMPLEMENTS']);

/**
 * True when `target` certainly comes after `source`: its first day is after the last day
 * of the source's period. A date known to the month or year only is given the benefit of
 * the doubt: an order of "2023" may revoke one of 2023-05-10, and one of 2023-05-10 one of "2023".
 */
export const datedAfter = (target: string, source: string): boolean => period(target).first > period(source).last;

const eventOf = (lookup: Lookup, type: TimelineEventType, slug: string) =>
  lookup.get(EVENT_TARGETS[type].key, slug) as RelatedEvent | undefined;
const what = (r: SeedRelation) => `${r.type} ${EVENT_TARGETS[r.targetType].noun} "${r.target}"`;

/**
 * The way from `first` (a step out of the record `start`, whose slug is `from`) back to
 * `start`, as "a REVOKES b" steps; null when there is none. Depth first with a stack of its
 * own, each record entered once: a chain of any length costs its length, and no recursion.
 */
function wayBack(lookup: Lookup, start: string, first: Step, from: string): string[] | null {
  const way: string[] = [];
  const visited = new Set<string>();
  const frames: Array<{ slug: string; steps: Step[]; next: number }> = [];
  /** Takes a step from the record `slug`; true when it arrives back at the start. */
  const take = (slug: string, step: Step): boolean => {
    way.push(`${slug} ${step.via} ${step.slug}`);
    const at = stepKey(step.kind, step.slug);
    if (at === start) return true;
    if (visited.has(at)) way.pop();
    else {
      visited.add(at);
      frames.push({ slug: step.slug, steps: lookup.steps(step.kind, step.slug), next: 0 });
    }
    return false;
  };
  if (take(from, first)) return way;
  while (frames.length) {
    const top = frames[frames.length - 1]!;
    if (top.next === top.steps.length) {
      frames.pop();
      way.pop();
    } else if (take(top.slug, top.steps[top.next++]!)) return way;
  }
  return null;
}

/** A way back for a message: whole up to 12 steps, else its first 6 and last 3 steps and how many are left out between. */
function shortWay(way: string[]): string {
  if (way.length <= 12) return way.join(', ');
  return [...way.slice(0, 6), `... ${way.length - 9} more ...`, ...way.slice(-3)].join(', ');
}

/** The rules of one kind of event (`own`) about its relations. */
export function relationRules(own: TimelineEventType) {
  const { noun } = EVENT_TARGETS[own];
  const self = (r: SeedRelation, slug: string) => r.targetType === own && r.target === slug;

  /** Each (type, target) pair is listed once. */
  const once = (value: unknown, _lookup: Lookup, report: Report) => {
    const links = linksOf(value as RelatedEvent);
    links.forEach((r, i) => {
      const first = links.findIndex((o) => o.type === r.type && o.targetType === r.targetType && o.target === r.target);
      if (first !== i) report(['relations', i], `${what(r)} is listed twice (first at relations[${first}]); list each link once`);
    });
  };

  /** What an event revokes or implements is not dated after it. */
  const targetFirst = (value: unknown, lookup: Lookup, report: Report) => {
    const e = value as RelatedEvent;
    linksOf(e).forEach((r, i) => {
      if (!DATED_TYPES.has(r.type) || self(r, e.slug)) return;
      const target = eventOf(lookup, r.targetType, r.target);
      if (target && datedAfter(target.date, e.date))
        report(
          ['relations', i, 'target'],
          `${what(r)} is dated ${target.date}, after this ${noun} (${e.date}): what an event revokes or implements comes before it`,
        );
    });
  };

  /**
   * REVOKES and SUPERSEDES links, taken together, never lead back to where they start. The
   * chain is followed through `lookup.steps`: the seed's records in memory, or for a
   * mutation the whole chain read from the store beforehand, so both find the same cycle
   * (depth first, links in curated order) and say the same thing.
   */
  const noCycle = (value: unknown, lookup: Lookup, report: Report) => {
    const e = value as RelatedEvent;
    const start = stepKey(EVENT_TARGETS[own].key, e.slug);
    linksOf(e).forEach((r, i) => {
      if (!CHAIN_TYPES.has(r.type) || self(r, e.slug)) return;
      const cycle = wayBack(lookup, start, { via: r.type, kind: EVENT_TARGETS[r.targetType].key, slug: r.target }, e.slug);
      if (cycle)
        report(
          ['relations', i, 'target'],
          `${what(r)} closes a cycle of REVOKES and SUPERSEDES links (${shortWay(cycle)}): such links may not lead back to where they start`,
        );
    });
  };

  /** The date rule from the target's side: an event whose date changes stays before what revokes or implements it. */
  const notAfterReferrers = (value: unknown, lookup: Lookup, report: Report) => {
    const e = value as RelatedEvent;
    if (lookup.whole) return; // the seed checks every source against its targets
    for (const type of EVENT_TYPES) {
      for (const source of lookup.referrers(EVENT_TARGETS[type].key, referenceName(own), e.slug) as unknown as RelatedEvent[]) {
        for (const r of linksOf(source)) {
          if (DATED_TYPES.has(r.type) && r.targetType === own && r.target === e.slug && datedAfter(e.date, source.date))
            report(
              ['date'],
              `${EVENT_TARGETS[type].noun} "${source.slug}" (${source.date}) ${r.type} this ${noun}, which would then be dated after it (${e.date}): what an event revokes or implements comes before it`,
            );
        }
      }
    }
  };

  return [once, targetFirst, noCycle, notAfterReferrers];
}

/** The name of the reference from an event's relations to events of `target` type, e.g. "relations.POLICY_ACTION". */
export const referenceName = (target: TimelineEventType) => `relations.${target}`;
