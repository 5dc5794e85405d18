import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DatePrecision } from '../domain/vocabulary';
import { DatePrecisionEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person whose releases or policy positions are on the record.' })
export class Person implements Node {
  dbId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => String, { description: 'Human-readable stable key, e.g. `mark-zuckerberg`.' })
  slug!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'A short description in the project’s own words.' })
  description!: string | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  version!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A position a person held at an organization.' })
export class Role {
  organizationId!: number;

  @Field(() => String, { description: 'Job title, e.g. `President, Global Affairs`.' })
  title!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the role began, if known.' })
  startedOn!: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `startedOn` is known.' })
  startedOnPrecision!: DatePrecision | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the role ended; null while it is current or when unknown.' })
  endedOn!: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `endedOn` is known.' })
  endedOnPrecision!: DatePrecision | null;
}

export const PersonConnection = Connection(Person, 'Person', 'A page of people, ordered by slug.');
