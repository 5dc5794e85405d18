import { Field, ID, ObjectType } from 'type-graphql';
import type { DatePrecision } from '../domain/vocabulary';
import { DatePrecisionEnum } from '../graphql/enums';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A document that supports a fact: an announcement, license text, paper, model card or news report.',
})
export class Source implements Node {
  dbId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => String, { description: 'Where the document is published.' })
  url!: string;

  @Field(() => String, { description: 'The document’s title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Who published it, e.g. `Meta AI` or `The Verge`.' })
  publisher!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was published, if known.' })
  publishedOn!: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `publishedOn` is known.' })
  publishedOnPrecision!: DatePrecision | null;

  @Field(() => DateScalar, { nullable: true, description: 'When a curator last checked it.' })
  accessedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A snapshot of the document on a web archive (the Wayback Machine or archive.today), for when the original moves or goes.',
  })
  archiveUrl!: string | null;
}
