import { ApiError } from '../api';
import type { EventLinksFragment, SourceLinkFragment } from '../gql/graphql';
import type { EventKind } from '../state';
import { actionDetails } from './action';
import { header, sources, type Header, type Links, type Section } from './parts';
import { positionDetails } from './position';
import { related } from './related';
import { releaseDetails } from './release';

/*
 * The details panel: for each kind of event, how to load a record and the sections it
 * shows; then the sections every kind shares: its links to other events, and its sources.
 */

/** What every kind's details query returns. */
type EventDetails = EventLinksFragment & {
  sources: SourceLinkFragment[];
};

export interface DetailsKind<T extends EventDetails> {
  /** "release", for "There is no release …". */
  noun: string;
  load: (slug: string) => Promise<T | null | undefined>;
  header: (record: T) => Header;
  sections: Array<Section<T>>;
}

/** Sections every kind of event shows, after its own. */
const SHARED_SECTIONS: Array<Section<EventDetails>> = [related, sources];

/** Runs one kind's description; the registry below keeps each kind's record type to itself. */
const panel =
  <T extends EventDetails>(kind: DetailsKind<T>) =>
  async (slug: string, onClose: () => void, links: Links): Promise<HTMLElement[]> => {
    const record = await kind.load(slug);
    if (!record) throw new ApiError(`There is no ${kind.noun} "${slug}".`);
    return [header(kind.header(record), onClose), ...[...kind.sections, ...SHARED_SECTIONS].map((s) => s(record, links))].filter(
      (x): x is HTMLElement => x !== null,
    );
  };

const PANELS: Record<EventKind, ReturnType<typeof panel>> = {
  release: panel(releaseDetails),
  position: panel(positionDetails),
  action: panel(actionDetails),
};

/** The panel's content for the selected event; `links` makes its links to other events. */
export const renderDetails = (selected: { kind: EventKind; slug: string }, onClose: () => void, links: Links): Promise<HTMLElement[]> =>
  PANELS[selected.kind](selected.slug, onClose, links);
