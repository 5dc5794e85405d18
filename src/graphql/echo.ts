/* User-supplied values quoted in error messages: cut short, and only the first few, so an error never echoes a whole hostile request back. */

/** How long an echoed value may be in an error message. */
export const MAX_ECHO = 80;

/** A value quoted for an error message, cut to a readable length. */
export function echo(value: string): string {
  return JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value);
}

/** Quoted values for an error message: the first few, then how many more. */
export function echoList(values: readonly string[], shown = 5): string {
  const listed = values.slice(0, shown).map(echo).join(', ');
  return values.length > shown ? `${listed} and ${values.length - shown} more` : listed;
}
