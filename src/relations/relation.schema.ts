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

/**
 * The `relations` field of every timeline event: the links it makes, in curated order. No
 * links is no field (not an empty list), so records without links read back, hash and
 * export as they did before events had links.
 */
export const relationsField = list(relationSchema).min(1, 'leave relations out rather than listing none').optional();
