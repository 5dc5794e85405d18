import type { Context } from '../app/context';
import { escapeHtml } from '../http/html';
import type { Organization } from '../organizations/organization.type';
import type { TimelineEvent } from '../timeline/timeline-event.type';

/*
 * What an event kind adds to the exports: its TimelineJS group, its own CSV columns, and
 * the paragraphs of its TimelineJS slide. Each event kind writes its part in its folder.
 */

/** The CSV's columns, in order: the shared ones and every kind's own (empty for other kinds). */
export const CSV_COLUMNS = [
  'date',
  'date_precision',
  'event_type',
  'organization',
  'title',
  'name',
  'access_level',
  'is_open',
  'license',
  'variants',
  'actor',
  'topic',
  'stance',
  'quote',
  'summary',
  'source_urls',
  'source_titles',
  'kind',
  'jurisdiction',
  'status',
  'open_weights',
  'openness',
  'relations',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface ExportDetails {
  /** The kind's own CSV columns. */
  columns: Partial<Record<CsvColumn, string>>;
  /** The slide's paragraphs after the summary, as HTML (every value escaped). */
  paragraphs: string[];
}

export interface ExportPart<E extends TimelineEvent = TimelineEvent> {
  group: string;
  idPrefix: string;
  details(ctx: Context, event: E, organization: Organization): Promise<ExportDetails>;
}

export const html = escapeHtml;
export const link = (url: string, text: string) => `<a href="${html(url)}">${html(text)}</a>`;
export const para = (label: string, value: string) => `<p><strong>${label}:</strong> ${value}</p>`;
