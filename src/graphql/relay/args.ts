import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'How many items to return, from 0 to 100; 20 when omitted. Larger or negative values are an error.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (an `endCursor` or edge `cursor`).' })
  after?: string | null;
}

@ArgsType()
export class PageArgsBothWays extends ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return from the end, from 0 to 100. Not with `first`.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (a `startCursor` or edge `cursor`).' })
  before?: string | null;
}
