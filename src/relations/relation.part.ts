import type { TimelineEventType } from '../domain/vocabulary';
import { dropNulls, type FieldSpec, type Plain } from '../records/input-fields';
import {
  stepKey,
  type Chain,
  type Child,
  type Db,
  type RecordKind,
  type Reference,
  type ReverseRead,
  type Rule,
  type SeedRecords,
  type Step,
} from '../records/kind';
import { child, childRows, compact, opt, slugsById } from '../records/read-kit';
import { EventRelationInput } from './relation.inputs';
import { chainLinks } from './relation.repository';
import { relationRules, referenceName, CHAIN_TYPES, type RelatedEvent } from './relation.rules';
import { relationSchema, type SeedRelation } from './relation.schema';
import { EVENT_TARGETS, EVENT_TYPES } from './relation.targets';

/*
 * What a kind of timeline event adds to its definition to take relations: the input
 * field, the child rows (in the table all events share), the references (one per kind of
 * target, which bring existence checks, holds and IN_USE), the rules, and the reading
 * back in seed format. The seed field itself is `relationsField` (relation.schema.ts).
 */

/** The links of a record of any event kind. */
const linksOf = (value: unknown) => (value as RelatedEvent).relations ?? [];

/** The event type whose records are of this kind. */
const typeOf = (kind: RecordKind) => EVENT_TYPES.find((type) => EVENT_TARGETS[type].key === kind)!;

/** An event's REVOKES and SUPERSEDES links, as steps of the chain they make. */
const chainSteps = (value: unknown): Step[] =>
  linksOf(value).flatMap((r) => (CHAIN_TYPES.has(r.type) ? [{ via: r.type, kind: EVENT_TARGETS[r.targetType].key, slug: r.target }] : []));

export interface RelationsPart<K extends RecordKind> {
  input: FieldSpec;
  nested: { relations: readonly string[] };
  /** Folds the input's relations into seed format: a note given as null is no note, and no links is no field. */
  fromInput(given: Plain): void;
  child: Child<K>;
  references: Array<Reference<K>>;
  /** REVOKES and SUPERSEDES links, which the cycle rule follows from event to event. */
  chain: Chain<K>;
  rules: Array<Rule<K>>;
  /** The references the target-side rule follows backwards: every kind's relations to this one. */
  reads: ReverseRead[];
  /** Each record's relations in seed format, by record id (none for a record without links); `all` when every record is read. */
  read(db: Db, ids: readonly number[], all: boolean): Promise<Map<number, SeedRelation[]>>;
}

export function eventRelations<K extends RecordKind>(own: TimelineEventType): RelationsPart<K> {
  const plural = `${EVENT_TARGETS[own].noun}s`;
  return {
    input: {
      type: () => [EventRelationInput],
      description:
        'Typed links from this event to others, e.g. REVOKES a policy action or BASED_ON a release. In an update, the new full list.',
    },
    nested: { relations: Object.keys(relationSchema.shape) },
    fromInput(given) {
      if (Array.isArray(given.relations))
        given.relations = given.relations.length ? given.relations.map((r) => dropNulls(r as Plain)) : null;
    },
    child: child({
      table: 'event_relations',
      parent: 'source_id',
      match: { source_type: own },
      rows: async (value: SeedRecords[K], resolve, id) => {
        const rows = [];
        for (const [ordinal, r] of linksOf(value).entries())
          rows.push({
            source_type: own,
            source_id: id,
            ordinal,
            relation_type: r.type,
            target_type: r.targetType,
            target_id: await resolve(EVENT_TARGETS[r.targetType].key, r.target),
            note: r.note ?? null,
          });
        return rows;
      },
    }),
    references: EVENT_TYPES.map((target): Reference<K> => ({
      name: referenceName(target),
      target: EVENT_TARGETS[target].key,
      label: `${plural} (in relations)`,
      slugs: (value) =>
        linksOf(value).flatMap((r, i) => (r.targetType === target ? [{ path: ['relations', i, 'target'], slug: r.target }] : [])),
      stored: {
        column: 'target_id',
        child: { table: 'event_relations', parent: 'source_id', match: { source_type: own, target_type: target } },
      },
      notSelf: 'an event cannot be related to itself',
      elsewhere: EVENT_TYPES.filter((other) => other !== target).map((other) => EVENT_TARGETS[other].key),
    })),
    chain: {
      steps: chainSteps,
      async reach(db, value) {
        const starts = chainSteps(value).map((s) => ({ type: typeOf(s.kind), slug: s.slug }));
        const steps = new Map<string, Step[]>();
        for (const link of await chainLinks(db, [...CHAIN_TYPES], starts)) {
          const from = stepKey(EVENT_TARGETS[link.source_type].key, link.source_slug);
          const step = { via: link.relation_type, kind: EVENT_TARGETS[link.target_type].key, slug: link.target_slug };
          (steps.get(from) ?? steps.set(from, []).get(from)!).push(step);
        }
        steps.delete(stepKey(EVENT_TARGETS[own].key, value.slug));
        return steps;
      },
    },
    rules: relationRules(own),
    reads: EVENT_TYPES.map((source) => ({ kind: EVENT_TARGETS[source].key, name: referenceName(own) })),
    async read(db, ids, all) {
      const rowsOf = await childRows(db, 'event_relations', 'source_id', ids, { source_type: own });
      const rows = [...rowsOf.values()].flat();
      const slugs = new Map<TimelineEventType, Map<number, string>>();
      for (const type of EVENT_TYPES) {
        const targets = rows.filter((r) => r.target_type === type).map((r) => r.target_id);
        if (targets.length) slugs.set(type, await slugsById(db, EVENT_TARGETS[type].table, targets, all));
      }
      return new Map(
        [...rowsOf].map(([id, list]) => [
          id,
          list.map((r) =>
            compact({
              type: r.relation_type,
              targetType: r.target_type,
              target: slugs.get(r.target_type)!.get(r.target_id)!,
              note: opt(r.note),
            }),
          ),
        ]),
      );
    },
  };
}
