import type { SeedReport } from './seed.apply';

/*
 * What `db:seed` prints: a table of counts per kind, then the slugs behind every count a
 * curator has to know about (curated records kept, conflicts, deletions kept, overwrites).
 */

const COLUMNS = ['inserted', 'updated', 'unchanged', 'curated', 'conflicts', 'deleted'] as const;

export function formatSeedReport(report: SeedReport): string {
  const row = (label: string, cells: Array<string | number>) =>
    [label.padEnd(16), ...cells.map((c, i) => String(c).padStart(COLUMNS[i]!.length))].join(' ');
  const lines = [row('record', [...COLUMNS])];
  for (const [kind, t] of Object.entries(report))
    lines.push(row(kind, [t.inserted, t.updated, t.unchanged, t.keptCurated.length, t.conflicts.length, t.keptDeleted.length]));

  const listed = (title: string, pick: (t: SeedReport[keyof SeedReport]) => string[]) => {
    const entries = Object.entries(report).filter(([, t]) => pick(t).length);
    if (entries.length) lines.push('', title, ...entries.map(([kind, t]) => `  ${kind}: ${pick(t).join(', ')}`));
  };
  listed('Kept as curated (edited through the API after the seed text was applied; the seed text is older):', (t) => t.keptCurated);
  listed('Kept deleted (deleted through the API; not brought back):', (t) => t.keptDeleted);
  listed('Overwritten with the seed version (--overwrite-curated; the curated version is in the history):', (t) => t.overwritten);
  const conflicts = Object.values(report).flatMap((t) => t.conflicts);
  if (conflicts.length)
    lines.push(
      '',
      `Conflicts (${conflicts.length}): edited through the API and changed in the seed files; the curated version was kept:`,
      ...conflicts.map((c) => `  ${c.message}`),
    );
  return lines.join('\n');
}
