import { words } from '../export/export.format';
import { html, para, type ExportPart } from '../export/export.part';
import { actorOf } from './position.service';
import type { PolicyPosition } from './position.type';

/** A policy position in the exports: who, the quote, the stance. */
export const positionExport: ExportPart<PolicyPosition> = {
  group: 'Policy positions',
  idPrefix: 'position',
  async details(ctx, position, organization) {
    const actor = await actorOf(ctx, position);
    const paragraphs = position.quote ? [`<blockquote>${html(position.quote)}</blockquote>`] : [];
    paragraphs.push(para('Who', html(`${actor.name} (${organization.name})`)));
    paragraphs.push(para('Stance', html(`${words(position.stance)}, on ${words(position.topic)}`)));
    return {
      columns: { actor: actor.name, topic: position.topic, stance: position.stance, quote: position.quote ?? '' },
      paragraphs,
    };
  },
};
