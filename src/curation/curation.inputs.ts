import { Field, ID, InputType, Int } from 'type-graphql';
import { withArticle } from '../graphql/article';
import { inputClass, SourceInput, type FieldSpec, type Fields } from '../records/input-fields';
import type { RecordKind } from '../records/kind';
import { KINDS } from '../records/registry';

/*
 * Mutation inputs. Field names are the seed file's keys (a record written here is
 * checked by the same rules as a seed file), plus a `...Precision` beside each date.
 * Each kind's create input is its field list (in the kind's folder); the update input is
 * the same list made optional (minus the slug, which never changes) plus `id` and
 * `version`.
 */

const slugField: FieldSpec = {
  type: () => String,
  required: true,
  description: 'Lowercase-hyphenated key, unique among records of this kind, e.g. "llama-3-1". It never changes.',
};
const reasonField: FieldSpec = { type: () => String, description: 'Why the change is made; kept in the history with the change.' };

function inputsFor(name: string, fields: Fields) {
  const idField: FieldSpec = { type: () => ID, required: true, always: true, description: `Global id of the ${name} (its \`id\` field).` };
  const versionField: FieldSpec = {
    type: () => Int,
    required: true,
    always: true,
    description: 'The `version` you read. If the record changed since, nothing is written and a CONFLICT error gives the current version.',
  };
  return {
    create: inputClass(
      `Create${name}Input`,
      `A new ${name}, checked by the same rules as a seed file.`,
      { slug: slugField, ...fields, reason: reasonField },
      false,
    ),
    update: inputClass(
      `Update${name}Input`,
      `Changes to ${withArticle(name)}: fields left out stay as they are; null clears an optional field.`,
      { id: idField, version: versionField, ...fields, reason: reasonField },
      true,
    ),
    remove: inputClass(
      `Delete${name}Input`,
      `Which ${name} to delete; refused while other records refer to it.`,
      { id: idField, version: versionField, reason: reasonField },
      false,
    ),
  };
}

/** Each kind's create, update and delete inputs. Importing this module declares them. */
export const INPUTS = Object.fromEntries(KINDS.map((def) => [def.key, inputsFor(def.typeName, def.inputFields)])) as Record<
  RecordKind,
  ReturnType<typeof inputsFor>
>;

@InputType({ description: 'Cites one more source for a release or policy position.' })
export class AddEventSourceInput {
  @Field(() => ID, { description: 'Global id of the release or policy position.' })
  eventId!: string;

  @Field(() => Int, { description: 'The `version` of the event you read.' })
  version!: number;

  @Field(() => SourceInput, { description: 'The source to add, after the existing ones.' })
  source!: SourceInput;

  @Field(() => String, { nullable: true, description: 'Why; kept in the history.' })
  reason?: string | null;
}

@InputType({ description: 'Stops citing a source for a release or policy position; the last source cannot be removed.' })
export class RemoveEventSourceInput {
  @Field(() => ID, { description: 'Global id of the release or policy position.' })
  eventId!: string;

  @Field(() => Int, { description: 'The `version` of the event you read.' })
  version!: number;

  @Field(() => ID, { nullable: true, description: 'Global id of the source (its `id` field). Give this or `url`.' })
  sourceId?: string | null;

  @Field(() => String, { nullable: true, description: 'URL of the source. Give this or `sourceId`.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; kept in the history.' })
  reason?: string | null;
}
