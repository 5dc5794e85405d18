import { words } from '../export/export.format';
import { html, link, para, type ExportPart } from '../export/export.part';
import { licenseById } from '../licenses/license.service';
import { variantsOf } from './release.service';
import { COMPONENTS } from './release.openness';
import type { Openness, Release } from './release.type';

const components = (o: Openness) => (Object.keys(COMPONENTS) as Array<keyof typeof COMPONENTS>).map((c) => [c, o[c]] as const);

/** The CSV cell: `weights=RESTRICTED;inferenceCode=OPEN;...;meetsOsaid=false` (meetsOsaid only when assessed). */
const opennessCell = (o: Openness) =>
  [...components(o).map(([c, a]) => `${c}=${a}`), ...(o.meetsOsaid === null ? [] : [`meetsOsaid=${o.meetsOsaid}`])].join(';');

/** The slide's words: "weights: restricted; inference code: open; ...". */
const opennessWords = (o: Openness) =>
  components(o)
    .map(([c, a]) => `${c.replace(/[A-Z]/g, (l) => ` ${l.toLowerCase()}`)}: ${words(a).toLowerCase()}`)
    .join('; ');

/** A release in the exports: access, openness, license and variants. */
export const releaseExport: ExportPart<Release> = {
  group: 'Releases',
  idPrefix: 'release',
  async details(ctx, release) {
    const [license, variants] = await Promise.all([licenseById(ctx, release.licenseId), variantsOf(ctx, release)]);
    const paragraphs = [para('Access', html(words(release.accessLevel)))];
    if (license) paragraphs.push(para('License', license.url ? link(license.url, license.name) : html(license.name)));
    if (release.openness) paragraphs.push(para('Openness', html(opennessWords(release.openness))));
    if (variants.length) paragraphs.push(para('Variants', html(variants.map((v) => v.name).join(', '))));
    return {
      columns: {
        name: release.name,
        access_level: release.accessLevel,
        is_open: String(release.isOpen),
        license: license?.name ?? '',
        variants: variants.map((v) => (v.parameterCount === null ? v.name : `${v.name}: ${v.parameterCount}`)).join('; '),
        openness: release.openness ? opennessCell(release.openness) : '',
      },
      paragraphs,
    };
  },
};
