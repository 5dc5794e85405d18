import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'The terms a release is published under.' })
export class License implements Node {
  dbId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => String, { description: 'Human-readable stable key, e.g. `llama-3-1-community-license`.' })
  slug!: string;

  @Field(() => String, { description: 'Full name of the license.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'SPDX identifier, where SPDX lists the license (e.g. `Apache-2.0`).' })
  spdxId!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the license text is published.' })
  url!: string | null;

  @Field(() => Boolean, { description: 'True when the Open Source Initiative has approved the license.' })
  osiApproved!: boolean;

  @Field(() => Boolean, { description: 'True when the license permits commercial use (possibly with conditions).' })
  allowsCommercialUse!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Monthly-active-user cap above which a separate license is needed, e.g. 700000000 for the Llama community licenses.',
  })
  userThreshold!: number | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  version!: number;
}

export const LicenseConnection = Connection(License, 'License', 'A page of licenses, ordered by slug.');
