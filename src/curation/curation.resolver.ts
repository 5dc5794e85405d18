import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import type { TimelineEvent } from '../timeline/timeline-event.type';
import { AddEventSourceInput, INPUTS, RemoveEventSourceInput } from './curation.inputs';
import { EventSourcesPayload, PAYLOADS } from './curation.payloads';
import { addEventSource, createRecord, deleteRecordById, removeEventSource, updateRecord, type WriteResult } from './curation.service';
import type { RecordKind } from './records';

/* Thin: each mutation names its kind and hands the input to the curation service. */

type WriteInput = { slug?: string; reason?: string | null };
type UpdateInput = { id: string; version: number; reason?: string | null };

const recordPayload = (kind: RecordKind, result: WriteResult) => ({ [PAYLOADS[kind].field]: result.node, userErrors: result.userErrors });
const deletePayload = (result: WriteResult) => ({ deletedId: result.deletedId, userErrors: result.userErrors });

@Resolver()
export class CurationResolver {
  @Mutation(() => PAYLOADS.organizations.create, {
    description: 'Adds an organization, checked like a seed file. Needs an EDITOR or ADMIN key.',
  })
  async createOrganization(
    @Arg('input', () => INPUTS.organizations.create, { description: 'The new record.' }) input: WriteInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('organizations', await createRecord(ctx, 'organizations', 'createOrganization', input));
  }

  @Mutation(() => PAYLOADS.organizations.update, {
    description:
      'Changes an organization. Name the version you read: if it changed since, nothing is written (CONFLICT). Needs an EDITOR or ADMIN key.',
  })
  async updateOrganization(
    @Arg('input', () => INPUTS.organizations.update, { description: 'The record and the fields to change.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('organizations', await updateRecord(ctx, 'organizations', 'updateOrganization', input));
  }

  @Mutation(() => PAYLOADS.organizations.remove, {
    description: 'Deletes an organization no other record refers to. Re-seeding does not bring it back. Needs an EDITOR or ADMIN key.',
  })
  async deleteOrganization(
    @Arg('input', () => INPUTS.organizations.remove, { description: 'The record and the version you read.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return deletePayload(await deleteRecordById(ctx, 'organizations', 'deleteOrganization', input));
  }
  @Mutation(() => PAYLOADS.people.create, { description: 'Adds a person, checked like a seed file. Needs an EDITOR or ADMIN key.' })
  async createPerson(
    @Arg('input', () => INPUTS.people.create, { description: 'The new record.' }) input: WriteInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('people', await createRecord(ctx, 'people', 'createPerson', input));
  }

  @Mutation(() => PAYLOADS.people.update, {
    description:
      'Changes a person. Name the version you read: if it changed since, nothing is written (CONFLICT). Needs an EDITOR or ADMIN key.',
  })
  async updatePerson(
    @Arg('input', () => INPUTS.people.update, { description: 'The record and the fields to change.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('people', await updateRecord(ctx, 'people', 'updatePerson', input));
  }

  @Mutation(() => PAYLOADS.people.remove, {
    description: 'Deletes a person no other record refers to. Re-seeding does not bring it back. Needs an EDITOR or ADMIN key.',
  })
  async deletePerson(
    @Arg('input', () => INPUTS.people.remove, { description: 'The record and the version you read.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return deletePayload(await deleteRecordById(ctx, 'people', 'deletePerson', input));
  }
  @Mutation(() => PAYLOADS.licenses.create, { description: 'Adds a license, checked like a seed file. Needs an EDITOR or ADMIN key.' })
  async createLicense(
    @Arg('input', () => INPUTS.licenses.create, { description: 'The new record.' }) input: WriteInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('licenses', await createRecord(ctx, 'licenses', 'createLicense', input));
  }

  @Mutation(() => PAYLOADS.licenses.update, {
    description:
      'Changes a license. Name the version you read: if it changed since, nothing is written (CONFLICT). Needs an EDITOR or ADMIN key.',
  })
  async updateLicense(
    @Arg('input', () => INPUTS.licenses.update, { description: 'The record and the fields to change.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('licenses', await updateRecord(ctx, 'licenses', 'updateLicense', input));
  }

  @Mutation(() => PAYLOADS.licenses.remove, {
    description: 'Deletes a license no other record refers to. Re-seeding does not bring it back. Needs an EDITOR or ADMIN key.',
  })
  async deleteLicense(
    @Arg('input', () => INPUTS.licenses.remove, { description: 'The record and the version you read.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return deletePayload(await deleteRecordById(ctx, 'licenses', 'deleteLicense', input));
  }
  @Mutation(() => PAYLOADS.releases.create, { description: 'Adds a release, checked like a seed file. Needs an EDITOR or ADMIN key.' })
  async createRelease(
    @Arg('input', () => INPUTS.releases.create, { description: 'The new record.' }) input: WriteInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('releases', await createRecord(ctx, 'releases', 'createRelease', input));
  }

  @Mutation(() => PAYLOADS.releases.update, {
    description:
      'Changes a release. Name the version you read: if it changed since, nothing is written (CONFLICT). Needs an EDITOR or ADMIN key.',
  })
  async updateRelease(
    @Arg('input', () => INPUTS.releases.update, { description: 'The record and the fields to change.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('releases', await updateRecord(ctx, 'releases', 'updateRelease', input));
  }

  @Mutation(() => PAYLOADS.releases.remove, {
    description: 'Deletes a release no other record refers to. Re-seeding does not bring it back. Needs an EDITOR or ADMIN key.',
  })
  async deleteRelease(
    @Arg('input', () => INPUTS.releases.remove, { description: 'The record and the version you read.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return deletePayload(await deleteRecordById(ctx, 'releases', 'deleteRelease', input));
  }
  @Mutation(() => PAYLOADS.policyPositions.create, {
    description: 'Adds a policy position, checked like a seed file. Needs an EDITOR or ADMIN key.',
  })
  async createPolicyPosition(
    @Arg('input', () => INPUTS.policyPositions.create, { description: 'The new record.' }) input: WriteInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('policyPositions', await createRecord(ctx, 'policyPositions', 'createPolicyPosition', input));
  }

  @Mutation(() => PAYLOADS.policyPositions.update, {
    description:
      'Changes a policy position. Name the version you read: if it changed since, nothing is written (CONFLICT). Needs an EDITOR or ADMIN key.',
  })
  async updatePolicyPosition(
    @Arg('input', () => INPUTS.policyPositions.update, { description: 'The record and the fields to change.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return recordPayload('policyPositions', await updateRecord(ctx, 'policyPositions', 'updatePolicyPosition', input));
  }

  @Mutation(() => PAYLOADS.policyPositions.remove, {
    description: 'Deletes a policy position no other record refers to. Re-seeding does not bring it back. Needs an EDITOR or ADMIN key.',
  })
  async deletePolicyPosition(
    @Arg('input', () => INPUTS.policyPositions.remove, { description: 'The record and the version you read.' }) input: UpdateInput,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return deletePayload(await deleteRecordById(ctx, 'policyPositions', 'deletePolicyPosition', input));
  }

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
