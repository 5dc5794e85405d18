import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApiKeyError, createApiKey, listApiKeys, parseRole, revokeApiKey } from '../src/auth/api-keys';
import { ConfigError, loadConfig } from '../src/config';
import { readTimestamp } from '../src/db/adapter';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';

/*
 * API keys for curators, on the store DATABASE_URL names:
 *   npm run keys:create -- --name NAME --role editor|admin|reader   (the key is the last line; shown once)
 *   npm run keys:list
 *   npm run keys:revoke -- --name NAME
 */

const USAGE = 'usage: keys create --name NAME --role reader|editor|admin | keys list | keys revoke --name NAME';

class UsageError extends Error {}

const when = (value: unknown) =>
  value === null || value === undefined ? '-' : `${readTimestamp(value).toISOString().slice(0, 19).replace('T', ' ')}Z`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  let values: { name?: string; role?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, role: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const need = (flag: 'name' | 'role') => {
    const value = values[flag];
    if (!value) throw new UsageError(`missing --${flag}`);
    return value;
  };
  if (command !== 'create' && command !== 'list' && command !== 'revoke')
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const name = command === 'list' ? undefined : need('name');
  const role = command === 'create' ? parseRole(need('role')) : undefined;

  const config = loadConfig();
  const store = openStore(config.store);
  try {
    await migrateToLatest(store);
    if (command === 'create') {
      const { key, row } = await createApiKey(store.db, name!, role!);
      console.log(
        `Created the ${row.role} key "${row.name}" on the ${store.adapter.name} store. Keep it secret: it is shown once and only its hash is stored.`,
      );
      console.log(`Use it as: Authorization: Bearer <key>`);
      console.log(key);
    } else if (command === 'revoke') {
      const row = await revokeApiKey(store.db, name!);
      console.log(`Revoked the key "${row.name}" (${row.role}, ${row.prefix}...): it can no longer write or read the audit log.`);
    } else {
      const rows = await listApiKeys(store.db);
      if (rows.length === 0) return console.log('No API keys yet: npm run keys:create -- --name NAME --role editor');
      const table = [
        ['name', 'role', 'prefix', 'created', 'last used', 'status'],
        ...rows.map((r) => [
          r.name,
          r.role,
          `${r.prefix}...`,
          when(r.created_at),
          when(r.last_used_at),
          r.revoked_at ? `revoked ${when(r.revoked_at)}` : 'active',
        ]),
      ];
      const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      for (const row of table)
        console.log(
          row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        );
    }
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
  else if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else if (err instanceof ApiKeyError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
