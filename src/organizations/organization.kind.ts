import { z } from 'zod';
import type { OrganizationRow } from '../db/database';
import * as v from '../domain/vocabulary';
import { OrganizationKindEnum } from '../graphql/enums';
import { sourcesField } from '../records/input-fields';
import { defineKind } from '../records/kind';
import { citations, compact, opt, optionalSources } from '../records/read-kit';
import { httpUrl, oneOf, slug, sources, text } from '../seed/seed.fields';
import { organizationBySlug } from './organization.service';
import { OrganizationResolver } from './organization.resolver';
import { Organization } from './organization.type';

/* An organization: its seed format, input fields and rows. Other kinds refer to it. */

export const organizationSchema = z.strictObject({
  slug,
  name: text(200),
  kind: oneOf(v.OrganizationKinds),
  description: text(2000).optional(),
  website: httpUrl.optional(),
  stockTicker: z
    .string()
    .regex(/^[A-Z]+:[A-Z.]+$/, 'must be EXCHANGE:TICKER, e.g. "NASDAQ:META"')
    .optional(),
  businessModel: text(200).optional(),
  sources: sources.optional(),
});
export type SeedOrganization = z.infer<typeof organizationSchema>;

declare module '../records/kind' {
  interface KindRecords {
    organizations: SeedOrganization;
  }
}

export const organizationKind = defineKind('organizations')({
  subject: 'ORGANIZATION',
  typeName: 'Organization',
  noun: 'organization',
  field: 'organization',
  table: 'organizations',
  type: () => Organization,
  resolvers: [OrganizationResolver],
  schema: organizationSchema,
  seedFile: () => 'organizations.yaml',

  inputFields: {
    name: { type: () => String, required: true, description: 'Display name, e.g. "Meta Platforms".' },
    kind: { type: () => OrganizationKindEnum, required: true, description: 'What sort of organization it is.' },
    description: { type: () => String, description: "A short description in the project's own words." },
    website: { type: () => String, description: 'Home page, an absolute http(s) URL.' },
    stockTicker: { type: () => String, description: 'EXCHANGE:TICKER, e.g. "NASDAQ:META".' },
    businessModel: { type: () => String, description: 'How it makes money, e.g. "Advertising".' },
    sources: sourcesField(false),
  },

  async row(o) {
    return {
      name: o.name,
      kind: o.kind,
      description: o.description ?? null,
      website: o.website ?? null,
      stock_ticker: o.stockTicker ?? null,
      business_model: o.businessModel ?? null,
    };
  },
  children: [],

  async read(db, rows: OrganizationRow[]) {
    const cited = await citations(
      db,
      'ORGANIZATION',
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      compact({
        slug: r.slug,
        name: r.name,
        kind: r.kind,
        description: opt(r.description),
        website: opt(r.website),
        stockTicker: opt(r.stock_ticker),
        businessModel: opt(r.business_model),
        sources: optionalSources(cited.get(r.id)),
      }),
    );
  },

  references: [],
  rules: [],

  async search(db, ids) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'slug', 'name', 'description', 'business_model', 'stock_ticker'])
      .$if(ids !== undefined, (q) => q.where('id', 'in', ids!))
      .execute();
    return rows.map((o) => ({ slug: o.slug, title: o.name, parts: [o.description, o.business_model, o.stock_ticker] }));
  },
  fetch: organizationBySlug,
});
