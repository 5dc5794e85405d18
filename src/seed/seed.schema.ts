import { z } from 'zod';
import { KINDS } from '../records/registry';

/*
 * The shape of one seed file (see docs/seed-format.md): a list of records under the key
 * of each kind, every kind's schema written in its own folder. Objects are strict: an
 * unknown key is an error, so a typo never silently drops a fact.
 */

export const seedFileSchema = z.strictObject(Object.fromEntries(KINDS.map((def) => [def.key, z.array(def.schema).optional()])));

export type { SeedSource } from './seed.fields';
