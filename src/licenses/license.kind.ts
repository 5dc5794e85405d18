import { z } from 'zod';
import type { LicenseRow } from '../db/database';
import { sourcesField } from '../records/input-fields';
import { defineKind } from '../records/kind';
import { child, childRows, citations, compact, opt, optNumber, optionalSources } from '../records/read-kit';
import { httpUrl, list, slug, sources, text } from '../seed/seed.fields';
import { Float } from 'type-graphql';
import { licenseBySlug } from './license.service';
import { LicenseResolver } from './license.resolver';
import { License } from './license.type';

/* A license: its seed format, restrictions, input fields and rows. */

export const licenseSchema = z.strictObject({
  slug,
  name: text(200),
  spdxId: z
    .string()
    .regex(/^[A-Za-z0-9.+-]+$/, 'must be an SPDX identifier such as "Apache-2.0"')
    .optional(),
  url: httpUrl.optional(),
  osiApproved: z.boolean(),
  allowsCommercialUse: z.boolean(),
  userThreshold: z.number().int().positive().optional(),
  restrictions: list(text(500)).default([]),
  sources: sources.optional(),
});
export type SeedLicense = z.infer<typeof licenseSchema>;

declare module '../records/kind' {
  interface KindRecords {
    licenses: SeedLicense;
  }
}

export const licenseKind = defineKind('licenses')({
  subject: 'LICENSE',
  typeName: 'License',
  noun: 'license',
  field: 'license',
  table: 'licenses',
  type: () => License,
  resolvers: [LicenseResolver],
  schema: licenseSchema,
  seedFile: () => 'licenses.yaml',

  inputFields: {
    name: { type: () => String, required: true, description: 'Display name, e.g. "Llama 3.1 Community License".' },
    spdxId: { type: () => String, description: 'SPDX identifier, e.g. "Apache-2.0", when it has one.' },
    url: { type: () => String, description: 'Where the license text is published.' },
    osiApproved: { type: () => Boolean, required: true, description: 'True when the Open Source Initiative approved it.' },
    allowsCommercialUse: {
      type: () => Boolean,
      required: true,
      description: 'True when commercial use is allowed (perhaps with conditions).',
    },
    userThreshold: { type: () => Float, description: 'Monthly-active-user cap above which a separate license is needed, e.g. 700000000.' },
    restrictions: { type: () => [String], description: 'The main restrictions, one per item. In an update, the new full list.' },
    sources: sourcesField(false),
  },

  async row(l) {
    return {
      name: l.name,
      spdx_id: l.spdxId ?? null,
      url: l.url ?? null,
      osi_approved: l.osiApproved,
      allows_commercial_use: l.allowsCommercialUse,
      user_threshold: l.userThreshold ?? null,
    };
  },
  children: [
    child({
      table: 'license_restrictions',
      parent: 'license_id',
      rows: (l: SeedLicense, _resolve, id) => l.restrictions.map((text, ordinal) => ({ license_id: id, ordinal, text })),
    }),
  ],

  async read(db, rows: LicenseRow[]) {
    const ids = rows.map((r) => r.id);
    const restrictionsOf = await childRows(db, 'license_restrictions', 'license_id', ids);
    const cited = await citations(db, 'LICENSE', ids);
    return rows.map((r) =>
      compact({
        slug: r.slug,
        name: r.name,
        spdxId: opt(r.spdx_id),
        url: opt(r.url),
        osiApproved: r.osi_approved,
        allowsCommercialUse: r.allows_commercial_use,
        userThreshold: optNumber(r.user_threshold),
        restrictions: (restrictionsOf.get(r.id) ?? []).map((x) => x.text),
        sources: optionalSources(cited.get(r.id)),
      }),
    );
  },

  references: [],
  rules: [],
  fetch: licenseBySlug,
});
