import { z } from 'zod';
import * as v from '../domain/vocabulary';
import { list, oneOf, slug, text } from '../seed/seed.fields';

/* A relation in the seed format (docs/seed-format.md, "Relations between events"). */

export const relationSchema = z.strictObject({
  type: oneOf(v.RelationTypes),
  targetType: oneOf(v.TimelineEventTypes),
  target: slug,
  note: text(500).optional(),
});
export type SeedRelation = z.infer<typeof relationSchema>;

/** The `relations` field of every timeline event: the links it makes, in curated order; none when left out. */
export const relationsField = list(relationSchema).default([]);
