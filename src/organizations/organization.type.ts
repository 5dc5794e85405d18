import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { OrganizationKind } from '../domain/vocabulary';
import { OrganizationKindEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A company, non-profit, government body, academic institution or standards body.',
})
export class Organization implements Node {
  /** Database key; not part of the API. */
  dbId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => String, { description: 'Human-readable stable key, e.g. `meta`.' })
  slug!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => OrganizationKindEnum, { description: 'What sort of organization this is.' })
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'A short description in the project’s own words.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Official website.' })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Exchange and ticker, e.g. `NASDAQ:META`.' })
  stockTicker!: string | null;

  @Field(() => String, { nullable: true, description: 'How the organization mainly makes its money, e.g. `Advertising`.' })
  businessModel!: string | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  version!: number;
}

export const OrganizationConnection = Connection(Organization, 'Organization', 'A page of organizations, ordered by slug.');
