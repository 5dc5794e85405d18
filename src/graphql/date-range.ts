import { badArgument } from './errors';

/** A `from`/`to` pair must not be reversed; an empty range is a mistake, not an empty answer. */
export function checkDateRange(filter: { from?: string | null; to?: string | null } | null | undefined, argument: string): void {
  if (filter?.from && filter.to && filter.from > filter.to) {
    throw badArgument(argument, `"from" (${filter.from}) is after "to" (${filter.to}).`);
  }
}
