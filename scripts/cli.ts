import { ConfigError } from '../src/config';

/**
 * Runs a script's `main` and turns a failure into a message and exit code 1: a bad flag
 * (from `util.parseArgs`) with the usage line, a configuration error with its variable,
 * anything else (a rejected seed or export, an unreachable database) with its message.
 */
export function runScript(main: () => Promise<void>, usage: string): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
    else if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${(err as Error).message}\n${usage}`);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
