import { words } from '../export/export.format';
import { html, link, para, type ExportPart } from '../export/export.part';
import { licenseById } from '../licenses/license.service';
import { variantsOf } from './release.service';
import type { Release } from './release.type';

/** A release in the exports: access, license and variants. */
export const releaseExport: ExportPart<Release> = {
  group: 'Releases',
  idPrefix: 'release',
  async details(ctx, release) {
    const [license, variants] = await Promise.all([licenseById(ctx, release.licenseId), variantsOf(ctx, release)]);
    const paragraphs = [para('Access', html(words(release.accessLevel)))];
    if (license) paragraphs.push(para('License', license.url ? link(license.url, license.name) : html(license.name)));
    if (variants.length) paragraphs.push(para('Variants', html(variants.map((v) => v.name).join(', '))));
    return {
      columns: {
        name: release.name,
        access_level: release.accessLevel,
        is_open: String(release.isOpen),
        license: license?.name ?? '',
        variants: variants.map((v) => (v.parameterCount === null ? v.name : `${v.name}: ${v.parameterCount}`)).join('; '),
      },
      paragraphs,
    };
  },
};
