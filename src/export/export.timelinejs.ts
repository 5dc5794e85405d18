import type { Source } from '../sources/source.type';
import { groupBy } from '../db/rows';
import { dateParts, phrase } from './export.format';
import { html, link, para } from './export.part';
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

function sourceList(sources: Source[]): string {
  const items = sources.map((s) => `<li>${link(s.url, s.title)}${s.publisher ? ` (${html(s.publisher)})` : ''}</li>`);
  return `<p><strong>Sources:</strong></p><ul>${items.join('')}</ul>`;
}

function body(e: ExportEvent): string {
  const parts = e.event.summary ? [`<p>${html(e.event.summary)}</p>`] : [];
  parts.push(...e.paragraphs);
  // One paragraph per kind of link: "Revokes: <title>; <title>".
  for (const [type, links] of groupBy(e.relations, (r) => r.type))
    parts.push(para(phrase(type), html(links.map((r) => r.event.title).join('; '))));
  parts.push(sourceList(e.sources));
  return parts.join('');
}

export function toTimelineJs(events: ExportEvent[], description: string): TimelineJsDocument {
  return {
    title: { text: { headline: 'AI releases, policy positions and policy actions', text: `<p>${html(description)}</p>` } },
    events: events.map((e) => ({
      start_date: dateParts(e.event.date, e.event.datePrecision),
      text: { headline: html(e.event.title), text: body(e) },
      group: e.group,
      unique_id: `${e.idPrefix}-${e.event.slug}`,
      // Links are written as <a> tags already; autolinking would wrap them again.
      autolink: false,
    })),
  };
}
