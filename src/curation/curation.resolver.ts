import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { withArticle } from '../graphql/article';
import type { Context } from '../app/context';
import type { AnyKind } from '../records/registry';
import { KINDS } from '../records/registry';
import type { TimelineEvent } from '../timeline/timeline-event.type';
import { AddEventSourceInput, INPUTS, RemoveEventSourceInput } from './curation.inputs';
import { EventSourcesPayload, PAYLOADS } from './curation.payloads';
import { addEventSource, createRecord, deleteRecordById, removeEventSource, updateRecord, type WriteResult } from './curation.service';

/* Thin: each kind's create, update and delete mutations hand the input to the curation service. */

type WriteInput = { slug?: string; reason?: string | null };
type UpdateInput = { id: string; version: number; reason?: string | null };

const KEY_NEEDED = 'Needs an EDITOR or ADMIN key.';

/** One kind's three mutations, declared as type-graphql would from decorators written by hand. */
function mutationsFor(def: AnyKind) {
  const { key, typeName, noun } = def;
  const payloads = PAYLOADS[key];
  const inputs = INPUTS[key];
  const recordPayload = (result: WriteResult) => ({ [payloads.field]: result.node, userErrors: result.userErrors });
  const deletePayload = (result: WriteResult) => ({ deletedId: result.deletedId, userErrors: result.userErrors });
  const cls = { [`${typeName}Mutations`]: class {} }[`${typeName}Mutations`]!;
  const proto = cls.prototype as Record<string, unknown>;
  const mutation = (
    name: string,
    returns: () => unknown,
    description: string,
    input: () => unknown,
    inputDescription: string,
    run: (input: never, ctx: Context) => Promise<object>,
  ) => {
    proto[name] = run;
    Arg('input', input as () => object, { description: inputDescription })(proto, name, 0);
    Ctx()(proto, name, 1);
    Mutation(returns as () => object, { description })(proto, name, Object.getOwnPropertyDescriptor(proto, name)!);
  };
  mutation(
    `create${typeName}`,
    () => payloads.create,
    `Adds ${withArticle(noun)}, checked like a seed file. ${KEY_NEEDED}`,
    () => inputs.create,
    'The new record.',
    async (input: WriteInput, ctx) => recordPayload(await createRecord(ctx, key, `create${typeName}`, input)),
  );
  mutation(
    `update${typeName}`,
    () => payloads.update,
    `Changes ${withArticle(noun)}. Name the version you read: if it changed since, nothing is written (CONFLICT). ${KEY_NEEDED}`,
    () => inputs.update,
    'The record and the fields to change.',
    async (input: UpdateInput, ctx) => recordPayload(await updateRecord(ctx, key, `update${typeName}`, input)),
  );
  mutation(
    `delete${typeName}`,
    () => payloads.remove,
    `Deletes ${withArticle(noun)} no other record refers to. Re-seeding does not bring it back. ${KEY_NEEDED}`,
    () => inputs.remove,
    'The record and the version you read.',
    async (input: UpdateInput, ctx) => deletePayload(await deleteRecordById(ctx, key, `delete${typeName}`, input)),
  );
  Resolver()(cls);
  return cls;
}

/** Create, update and delete for every kind. */
export const kindMutationResolvers = KINDS.map(mutationsFor);

@Resolver()
export class CurationResolver {
  @Mutation(() => EventSourcesPayload, {
    description: 'Cites one more source for a release or policy position. Needs an EDITOR or ADMIN key.',
  })
  async addEventSource(
    @Arg('input', () => AddEventSourceInput, { description: 'The event, the version you read and the source.' }) input: AddEventSourceInput,
    @Ctx() ctx: Context,
  ): Promise<EventSourcesPayload> {
    const result = await addEventSource(ctx, input);
    return { event: result.node as TimelineEvent | null, userErrors: result.userErrors };
  }

  @Mutation(() => EventSourcesPayload, {
    description: 'Stops citing a source for a release or policy position; its last source stays. Needs an EDITOR or ADMIN key.',
  })
  async removeEventSource(
    @Arg('input', () => RemoveEventSourceInput, { description: 'The event, the version you read and the source.' })
    input: RemoveEventSourceInput,
    @Ctx() ctx: Context,
  ): Promise<EventSourcesPayload> {
    const result = await removeEventSource(ctx, input);
    return { event: result.node as TimelineEvent | null, userErrors: result.userErrors };
  }
}
