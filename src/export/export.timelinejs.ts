import type { Source } from '../sources/source.type';
import { escapeHtml } from '../http/html';
import { dateParts, words } from './export.format';
import type { ExportEvent } from './export.service';

/*
 * Knight Lab TimelineJS3's JSON format (timeline.knightlab.com/docs/json-format.html):
 * `{ title?, events: [slide] }`, a slide being `{ start_date: { year, month?, day? },
 * text: { headline, text }, group?, unique_id?, autolink? }`. Text fields take HTML, so
 * every value is escaped and links are written out.
 */

export interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
}
export interface TimelineJsSlide {
  start_date?: TimelineJsDate;
  text: { headline: string; text: string };
  group?: string;
  unique_id?: string;
  autolink?: boolean;
}
export interface TimelineJsDocument {
  title: TimelineJsSlide;
  events: TimelineJsSlide[];
}

const html = escapeHtml;
const link = (url: string, text: string) => `<a href="${html(url)}">${html(text)}</a>`;
const para = (label: string, value: string) => `<p><strong>${label}:</strong> ${value}</p>`;

function sourceList(sources: Source[]): string {
  const items = sources.map((s) => `<li>${link(s.url, s.title)}${s.publisher ? ` (${html(s.publisher)})` : ''}</li>`);
  return `<p><strong>Sources:</strong></p><ul>${items.join('')}</ul>`;
}

function body(e: ExportEvent): string {
  const parts = e.event.summary ? [`<p>${html(e.event.summary)}</p>`] : [];
  if (e.kind === 'RELEASE') {
    parts.push(para('Access', html(words(e.event.accessLevel))));
    if (e.license) parts.push(para('License', e.license.url ? link(e.license.url, e.license.name) : html(e.license.name)));
    if (e.variants.length) parts.push(para('Variants', html(e.variants.map((v) => v.name).join(', '))));
  } else {
    if (e.event.quote) parts.push(`<blockquote>${html(e.event.quote)}</blockquote>`);
    parts.push(para('Who', html(`${e.actor.name} (${e.organization.name})`)));
    parts.push(para('Stance', html(`${words(e.event.stance)}, on ${words(e.event.topic)}`)));
  }
  parts.push(sourceList(e.sources));
  return parts.join('');
}

export function toTimelineJs(events: ExportEvent[], description: string): TimelineJsDocument {
  return {
    title: { text: { headline: 'AI releases and policy positions', text: `<p>${html(description)}</p>` } },
    events: events.map((e) => ({
      start_date: dateParts(e.event.date, e.event.datePrecision),
      text: { headline: html(e.event.title), text: body(e) },
      group: e.kind === 'RELEASE' ? 'Releases' : 'Policy positions',
      unique_id: `${e.kind === 'RELEASE' ? 'release' : 'position'}-${e.event.slug}`,
      // Links are written as <a> tags already; autolinking would wrap them again.
      autolink: false,
    })),
  };
}
