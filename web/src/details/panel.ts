import { ApiError } from '../api';
import type { SourceLinkFragment } from '../gql/graphql';
import type { EventKind } from '../state';
import { actionDetails } from './action';
import { header, sources, type Header, type Section } from './parts';
import { positionDetails } from './position';
import { releaseDetails } from './release';

/*
 * The details panel: for each kind of event, how to load a record and the sections it
 * shows; then the sections every kind shares, which end with the sources.
 */

/** What every kind's details query returns. */
interface EventDetails {
  sources: SourceLinkFragment[];
}

export interface DetailsKind<T extends EventDetails> {
  /** "release", for "There is no release …". */
  noun: string;
  load: (slug: string) => Promise<T | null | undefined>;
  header: (record: T) => Header;
  sections: Array<Section<T>>;
}

/** Sections every kind of event shows, after its own. */
const SHARED_SECTIONS: Array<Section<EventDetails>> = [sources];

/** Runs one kind's description; the registry below keeps each kind's record type to itself. */
const panel =
  <T extends EventDetails>(kind: DetailsKind<T>) =>
  async (slug: string, onClose: () => void): Promise<HTMLElement[]> => {
    const record = await kind.load(slug);
    if (!record) throw new ApiError(`There is no ${kind.noun} "${slug}".`);
    return [header(kind.header(record), onClose), ...[...kind.sections, ...SHARED_SECTIONS].map((s) => s(record))].filter(
      (x): x is HTMLElement => x !== null,
    );
  };

const PANELS: Record<EventKind, ReturnType<typeof panel>> = {
  release: panel(releaseDetails),
  position: panel(positionDetails),
  action: panel(actionDetails),
};

/** The panel's content for the selected event. */
export const renderDetails = (selected: { kind: EventKind; slug: string }, onClose: () => void): Promise<HTMLElement[]> =>
  PANELS[selected.kind](selected.slug, onClose);
