import pino, { type Logger } from 'pino';
import type { Config } from './config';

/** JSON lines on stdout; every line of a request carries its `reqId`. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'policy-timeline' } });
}
