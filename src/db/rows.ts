/** Rows fetched in bulk, grouped by a key (a parent id, a kind), each group in fetch order. */
export function groupBy<R, K>(rows: readonly R[], key: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The largest row id the id columns hold (PostgreSQL `integer`). */
const MAX_ROW_ID = 2_147_483_647;

/**
 * Whether client text (a cursor part, the key in a global id) names a row id the id columns
 * can hold: a larger number reaching PostgreSQL would be an out-of-range error, not "no such row".
 */
export const isRowId = (text: string): boolean => /^[1-9]\d{0,9}$/.test(text) && Number(text) <= MAX_ROW_ID;
