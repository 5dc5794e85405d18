import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../app/context';
import { ForwardPageArgs } from '../graphql/relay/args';
import type { ConnectionShape } from '../graphql/relay/connection';
import { organizationById } from '../organizations/organization.service';
import { Organization } from '../organizations/organization.type';
import { sourcesOf } from '../sources/source.service';
import { Source } from '../sources/source.type';
import { listPeople, personBySlug, rolesOf } from './person.service';
import { Person, PersonConnection, Role } from './person.type';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'One person by slug, e.g. `nick-clegg`; null when there is none.' })
  person(@Arg('slug', () => String, { description: 'The person’s slug.' }) slug: string, @Ctx() ctx: Context): Promise<Person | null> {
    return personBySlug(ctx, slug);
  }

  @Query(() => PersonConnection, { description: 'All people, ordered by slug.' })
  people(@Args(() => ForwardPageArgs) args: ForwardPageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Person>> {
    return listPeople(ctx, args);
  }

  @FieldResolver(() => [Role], { description: 'Positions held, in curated order (usually oldest first).' })
  roles(@Root() person: Person, @Ctx() ctx: Context): Promise<Role[]> {
    return rolesOf(ctx, person);
  }

  @FieldResolver(() => [Source], { description: 'Documents that support this person’s roles.' })
  sources(@Root() person: Person, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, 'PERSON', person.dbId);
  }
}

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => Organization, { description: 'Where the role was held.' })
  organization(@Root() role: Role, @Ctx() ctx: Context): Promise<Organization> {
    return organizationById(ctx, role.organizationId);
  }
}
