import { clampRange } from './axis';
import { shortName } from './format';
import type { TimelineEventType } from './gql/graphql';
import { jurisdictionName, kindOf, type Item } from './items';
import { EVENT_TYPES, KIND_OF_TYPE, type ViewState, type YearRange } from './state';

/*
 * Following a link to another event (the details panel's "Related events") selects it on
 * the timeline. When the view hides it, the view widens just enough to show it: its kind
 * is shown again, its organization or jurisdiction joins the filter, "open releases only"
 * is turned off for a release that is not open, a date bound it falls outside is dropped,
 * and the zoom stretches to its year. Nothing else changes, and the page says what did.
 */

const TYPE_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_TYPE).map(([type, kind]) => [kind, type])) as Record<
  ReturnType<typeof kindOf>,
  TimelineEventType
>;
const SHOWN = { RELEASE: 'releases', POLICY_POSITION: 'policy positions', POLICY_ACTION: 'policy actions' } as const;

export interface Reveal {
  /** The state to apply: the event selected, the filters widened where they hid it. */
  patch: Partial<ViewState>;
  /** What was widened, in words ("policy actions shown"); empty when the event was in view. */
  changes: string[];
}

/** `years`: the years the loaded events span (the zoom is kept within them), null when unknown. */
export function reveal(state: ViewState, item: Item, years: YearRange | null): Reveal {
  const patch: Partial<ViewState> = { selected: { kind: kindOf(item), slug: item.slug } };
  const changes: string[] = [];
  const type = TYPE_OF_KIND[kindOf(item)];
  if (!state.eventTypes.includes(type)) {
    patch.eventTypes = EVENT_TYPES.filter((t) => t === type || state.eventTypes.includes(t));
    changes.push(`${SHOWN[type]} shown`);
  }
  if (item.__typename === 'PolicyAction') {
    const code = item.jurisdiction.code;
    if (state.jurisdictions !== 'all' && !state.jurisdictions.includes(code)) {
      patch.jurisdictions = [...state.jurisdictions, code];
      changes.push(`${jurisdictionName(item.jurisdiction)} added to the jurisdictions`);
    }
  } else if (state.organizations !== 'all' && !state.organizations.includes(item.organization.slug)) {
    patch.organizations = [...state.organizations, item.organization.slug];
    changes.push(`${shortName(item.organization.name)} added to the organizations`);
  }
  if (item.__typename === 'Release' && state.openOnly && !item.isOpen) {
    patch.openOnly = false;
    changes.push('"open releases only" turned off');
  }
  if (state.from && item.date < state.from) {
    patch.from = null;
    changes.push('the start date cleared');
  }
  if (state.to && item.date > state.to) {
    patch.to = null;
    changes.push('the end date cleared');
  }
  const year = Number(item.date.slice(0, 4));
  if (state.zoom) {
    const shown = years ? clampRange(state.zoom, years) : state.zoom;
    if (year < shown.from || year > shown.to) {
      patch.zoom = { from: Math.min(shown.from, year), to: Math.max(shown.to, year) };
      changes.push(`years ${patch.zoom.from}–${patch.zoom.to} fitted to the width`);
    }
  }
  return { patch, changes };
}
