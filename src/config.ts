import path from 'node:path';

/** Where the data lives: an embedded SQLite file (or memory), or a PostgreSQL server. */
export type StoreConfig =
  | {
      dialect: 'sqlite';
      filename: string;
      /** How long a write waits, without blocking the event loop, for another connection's write lock; then 503. */
      busyTimeoutMs?: number;
    }
  | {
      dialect: 'postgres';
      connectionString: string;
      /** Connections kept per process. */
      poolSize: number;
      /** Server-side limit per statement; 0 for none. */
      statementTimeoutMs: number;
      /** How long to wait for a new connection before failing the request. */
      connectTimeoutMs: number;
      /** Schema to work in (search_path); the server's default when unset. */
      schema?: string;
    };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface Config {
  port: number;
  host: string;
  store: StoreConfig;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** Seed an empty database at start-up. */
  seedOnStart: boolean;
  seedDir: string;
  /** Start-up tries to reach the database this many times before giving up. */
  connectAttempts: number;
  connectRetryDelayMs: number;
  /** Shared state for replicas: the response cache, rate limits and the live updates' fan-out. */
  redisUrl: string | null;
  /** The Redis pub/sub channel that carries live updates between replicas. */
  redisEventsChannel: string;
  /** How this process talks to Redis: fail fast, and stop asking for a while after repeated failures. */
  redis: RedisSettings;
  /** Schema introspection (on by default outside production). */
  introspection: boolean;
  /** The Apollo Sandbox landing page at /graphql (on by default outside production). */
  sandbox: boolean;
  /** Origins allowed to call the API from a browser: a list, or '*' for any. */
  corsOrigins: string[] | '*';
  /** The origin the service is reached at (https://timeline.example.org), for absolute links in oEmbed answers; null: each request's own. */
  publicUrl: string | null;
  limits: Limits;
  responseCache: {
    enabled: boolean;
    /** Entries kept (in memory or in Redis). */
    maxEntries: number;
    maxAgeSeconds: number;
    /** A larger answer is not cached. */
    maxEntryBytes: number;
    /** Bytes of answers kept in all (in memory or in Redis). */
    maxBytes: number;
  };
  /** Whose X-Forwarded-For to believe for the client address (rate limits, logs): Fastify's trustProxy. */
  trustProxy: boolean | number | string;
  metrics: MetricsConfig;
}

/** Who may read /metrics and which operation names get a label of their own. */
export interface MetricsConfig {
  /** A bearer token /metrics requires when set (401 without it). */
  token: string | null;
  /** Serve /metrics on this port only (not on PORT) when set. */
  port: number | null;
  /** Operation names labelled as themselves besides the page's own; every other name counts as "other". */
  operations: string[];
}

/** Every variable the service reads; deployment files are checked against this list. */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'DATABASE_POOL_SIZE',
  'DATABASE_STATEMENT_TIMEOUT_MS',
  'DATABASE_CONNECT_TIMEOUT_MS',
  'DATABASE_CONNECT_ATTEMPTS',
  'DATABASE_CONNECT_RETRY_DELAY_MS',
  'NODE_ENV',
  'LOG_LEVEL',
  'SEED_ON_START',
  'SEED_DIR',
  'REDIS_URL',
  'REDIS_EVENTS_CHANNEL',
  'REDIS_KEY_PREFIX',
  'REDIS_COMMAND_TIMEOUT_MS',
  'REDIS_CONNECT_TIMEOUT_MS',
  'REDIS_BREAKER_FAILURES',
  'REDIS_BREAKER_COOLDOWN_MS',
  'INTROSPECTION',
  'SANDBOX',
  'CORS_ORIGINS',
  'PUBLIC_URL',
  'MAX_DEPTH',
  'MAX_INTROSPECTION_DEPTH',
  'MAX_ALIASES',
  'MAX_DIRECTIVES',
  'MAX_TOKENS',
  'MAX_COST',
  'MAX_QUERY_LENGTH',
  'MAX_LIST_ITEMS',
  'MAX_SUBSCRIPTIONS_PER_CONNECTION',
  'MAX_SUBSCRIPTION_CONNECTIONS',
  'BODY_LIMIT_BYTES',
  'BODY_DRAIN_BYTES',
  'REQUEST_TIMEOUT_MS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW_MS',
  'RATE_LIMIT_IPV6_PREFIX',
  'TRUST_PROXY',
  'RESPONSE_CACHE',
  'RESPONSE_CACHE_MAX_ENTRIES',
  'RESPONSE_CACHE_MAX_ENTRY_BYTES',
  'RESPONSE_CACHE_MAX_BYTES',
  'CACHE_MAX_AGE_SECONDS',
  'METRICS_TOKEN',
  'METRICS_PORT',
  'METRICS_OPERATIONS',
  'SQLITE_BUSY_TIMEOUT_MS',
  'MAX_CONNECTIONS',
  'SHUTDOWN_TIMEOUT_MS',
] as const;

/** Limits on what one request may ask for; each error names the limit and its value. */
export interface Limits {
  maxDepth: number;
  /** Depth of an introspection (`__schema`) selection, bounded apart from MAX_DEPTH: the standard introspection query is 15 deep. */
  maxIntrospectionDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Fields, with every connection's children counted `first` (or `last`, or 20) times. */
  maxCost: number;
  maxQueryLength: number;
  /** Items one list argument or input field may hold (slugs, ids, enum values). */
  maxListItems: number;
  /** Subscriptions one WebSocket connection may hold open at once. */
  maxSubscriptionsPerConnection: number;
  /** WebSocket connections one process holds open at once. */
  maxSubscriptionConnections: number;
  bodyLimitBytes: number;
  /** How much of an oversized body is read and discarded before the 413, so that ordinary clients can read it. */
  bodyDrainBytes: number;
  /** Longest time to receive a request's headers, and its whole body: slower clients get 408 and are cut off. */
  requestTimeoutMs: number;
  /** Open TCP connections the HTTP server accepts at once (WebSockets included); more are refused. */
  maxConnections: number;
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are cut. */
  shutdownTimeoutMs: number;
  /** Requests per client per window; 0 turns rate limiting off. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** IPv6 clients are counted by this prefix (a /64 is what one subscriber usually gets); IPv4 by address. */
  rateLimitIpv6Prefix: number;
}

export interface RedisSettings {
  /** Every key this service writes starts with it (deployments sharing one Redis use different ones). */
  keyPrefix: string;
  /** A command without an answer within this time counts as failed. */
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  /** Consecutive failures that open the circuit breaker (Redis is then skipped)... */
  breakerFailures: number;
  /** ...for this long, after which one command probes whether it is back. */
  breakerCooldownMs: number;
}

export const DEFAULT_SQLITE_FILE = path.join('data', 'timeline.sqlite');

/** One bad variable: what it was, and what it accepts. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly accepts: string,
  ) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: expected ${accepts}.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, raw, `one of ${allowed.join(', ')}`);
  return raw as T;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) throw new ConfigError(name, raw, 'an integer port from 0 to 65535');
  return n;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(name, raw, `an integer from ${min} to ${max}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, raw, 'true, false, 1 or 0');
}

/**
 * DATABASE_URL forms: unset (SQLite file under ./data/), `sqlite::memory:`,
 * `sqlite:<path>` or `file:<path>`, `postgres://...` / `postgresql://...`.
 */
export function parseDatabaseUrl(raw: string | undefined, env: Env = {}): StoreConfig {
  if (raw === undefined || raw === '')
    return { dialect: 'sqlite', filename: DEFAULT_SQLITE_FILE, busyTimeoutMs: integer(env, 'SQLITE_BUSY_TIMEOUT_MS', 5000, 0, 600_000) };
  if (raw === 'sqlite::memory:' || raw === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
  const file = /^(?:sqlite|file):(?:\/\/)?(.+)$/.exec(raw);
  if (file) return { dialect: 'sqlite', filename: file[1], busyTimeoutMs: integer(env, 'SQLITE_BUSY_TIMEOUT_MS', 5000, 0, 600_000) };
  if (/^postgres(?:ql)?:\/\/[^\s]+$/.test(raw)) {
    try {
      new URL(raw);
      const schema = env.DATABASE_SCHEMA || undefined;
      if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
        throw new ConfigError('DATABASE_SCHEMA', schema, 'a lowercase SQL identifier such as "timeline"');
      }
      return {
        dialect: 'postgres',
        connectionString: raw,
        poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
        statementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 0, 600_000),
        connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
        schema,
      };
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      /* not a URL: fall through to the error below */
    }
  }
  throw new ConfigError('DATABASE_URL', raw, 'sqlite::memory:, sqlite:<file path>, or postgres://user@host:port/database');
}

function corsOrigins(raw: string | undefined, nodeEnv: NodeEnv): string[] | '*' {
  if (raw === undefined || raw === '') return nodeEnv === 'production' ? [] : '*';
  if (raw.trim() === '*') return '*';
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let ok = false;
    try {
      const url = new URL(origin);
      ok = /^https?:$/.test(url.protocol) && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ConfigError(
        'CORS_ORIGINS',
        raw,
        `'*' or a comma-separated list of origins such as https://example.org (scheme, host and port only; "${origin}" is not one)`,
      );
  }
  return origins;
}

function publicUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  try {
    const url = new URL(raw.replace(/\/$/, ''));
    if (/^https?:$/.test(url.protocol) && url.origin === raw.replace(/\/$/, '')) return url.origin;
  } catch {
    /* reported below */
  }
  throw new ConfigError('PUBLIC_URL', raw, 'an origin such as https://timeline.example.org (scheme, host and port only)');
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  if (/^[\d.:a-fA-F/]+(,\s*[\d.:a-fA-F/]+)*$/.test(raw)) return raw;
  throw new ConfigError('TRUST_PROXY', raw, 'false, true, a hop count such as 1, or a comma-separated list of proxy addresses or CIDRs');
}

function metricsToken(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  // Long enough not to be guessed; the characters a bearer token may carry (RFC 6750).
  if (/^[\w.~+/=-]{16,256}$/.test(raw)) return raw;
  throw new ConfigError('METRICS_TOKEN', '(hidden)', '16 to 256 letters, digits and - . _ ~ + / =');
}

function operationNames(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length > 200 || names.some((n) => !/^[A-Za-z_]\w{0,63}$/.test(n))) {
    throw new ConfigError(
      'METRICS_OPERATIONS',
      raw,
      'a comma-separated list of up to 200 GraphQL operation names such as TimelinePage,Organizations',
    );
  }
  return names;
}

function redisUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  try {
    if (/^rediss?:$/.test(new URL(raw).protocol)) return raw;
  } catch {
    /* reported below */
  }
  throw new ConfigError('REDIS_URL', raw, 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379');
}

function redisKeyPrefix(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'timeline:';
  if (/^[\w.:-]{1,100}$/.test(raw)) return raw;
  throw new ConfigError('REDIS_KEY_PREFIX', raw, 'up to 100 letters, digits and . _ : - such as timeline:');
}

/** Defaults under the key prefix, so deployments sharing one Redis with their own prefixes do not hear each other's changes. */
function redisChannel(raw: string | undefined, keyPrefix: string): string {
  if (raw === undefined || raw === '') return `${keyPrefix}events`;
  if (/^[\w.:-]{1,200}$/.test(raw)) return raw;
  throw new ConfigError('REDIS_EVENTS_CHANNEL', raw, 'up to 200 letters, digits and . _ : - such as timeline:events');
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  // 'localhost' listens on both 127.0.0.1 and ::1, so http://localhost:4000 works whichever a browser tries.
  const host = env.HOST === undefined || env.HOST === '' ? 'localhost' : env.HOST;
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError('HOST', host, 'a host name or IP address such as 127.0.0.1 or 0.0.0.0');
  return {
    port: port(env, 'PORT', 4000),
    host,
    store: parseDatabaseUrl(env.DATABASE_URL, env),
    nodeEnv,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    seedOnStart: bool(env, 'SEED_ON_START', true),
    seedDir: env.SEED_DIR === undefined || env.SEED_DIR === '' ? 'seed' : env.SEED_DIR,
    connectAttempts: integer(env, 'DATABASE_CONNECT_ATTEMPTS', 10, 1, 1000),
    connectRetryDelayMs: integer(env, 'DATABASE_CONNECT_RETRY_DELAY_MS', 1000, 0, 60_000),
    redisUrl: redisUrl(env.REDIS_URL),
    redisEventsChannel: redisChannel(env.REDIS_EVENTS_CHANNEL, redisKeyPrefix(env.REDIS_KEY_PREFIX)),
    redis: {
      keyPrefix: redisKeyPrefix(env.REDIS_KEY_PREFIX),
      commandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', 250, 10, 60_000),
      connectTimeoutMs: integer(env, 'REDIS_CONNECT_TIMEOUT_MS', 1000, 100, 60_000),
      breakerFailures: integer(env, 'REDIS_BREAKER_FAILURES', 3, 1, 1000),
      breakerCooldownMs: integer(env, 'REDIS_BREAKER_COOLDOWN_MS', 2000, 100, 600_000),
    },
    introspection: bool(env, 'INTROSPECTION', nodeEnv !== 'production'),
    sandbox: bool(env, 'SANDBOX', nodeEnv !== 'production'),
    corsOrigins: corsOrigins(env.CORS_ORIGINS, nodeEnv),
    publicUrl: publicUrl(env.PUBLIC_URL),
    trustProxy: trustProxy(env.TRUST_PROXY),
    metrics: {
      token: metricsToken(env.METRICS_TOKEN),
      port: env.METRICS_PORT === undefined || env.METRICS_PORT === '' ? null : port(env, 'METRICS_PORT', 0),
      operations: operationNames(env.METRICS_OPERATIONS),
    },
    responseCache: {
      enabled: bool(env, 'RESPONSE_CACHE', true),
      maxEntries: integer(env, 'RESPONSE_CACHE_MAX_ENTRIES', 1000, 1, 1_000_000),
      maxAgeSeconds: integer(env, 'CACHE_MAX_AGE_SECONDS', 30, 0, 86_400),
      maxEntryBytes: integer(env, 'RESPONSE_CACHE_MAX_ENTRY_BYTES', 262_144, 1024, 100_000_000),
      maxBytes: integer(env, 'RESPONSE_CACHE_MAX_BYTES', 67_108_864, 1024, 100_000_000_000),
    },
    limits: {
      maxDepth: integer(env, 'MAX_DEPTH', 12, 1, 100),
      maxIntrospectionDepth: integer(env, 'MAX_INTROSPECTION_DEPTH', 20, 1, 100),
      maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 1000),
      maxDirectives: integer(env, 'MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: integer(env, 'MAX_TOKENS', 2000, 10, 100_000),
      maxCost: integer(env, 'MAX_COST', 20_000, 1, 10_000_000),
      maxQueryLength: integer(env, 'MAX_QUERY_LENGTH', 20_000, 100, 10_000_000),
      maxListItems: integer(env, 'MAX_LIST_ITEMS', 100, 1, 10_000),
      maxSubscriptionsPerConnection: integer(env, 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1000),
      maxSubscriptionConnections: integer(env, 'MAX_SUBSCRIPTION_CONNECTIONS', 1000, 1, 100_000),
      bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100_000_000),
      bodyDrainBytes: integer(env, 'BODY_DRAIN_BYTES', 16_777_216, 0, 1_000_000_000),
      requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 15_000, 100, 600_000),
      maxConnections: integer(env, 'MAX_CONNECTIONS', 4096, 1, 1_000_000),
      shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
      rateLimitMax: integer(env, 'RATE_LIMIT_MAX', 600, 0, 1_000_000),
      rateLimitWindowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 100, 86_400_000),
      rateLimitIpv6Prefix: integer(env, 'RATE_LIMIT_IPV6_PREFIX', 64, 1, 128),
    },
  };
}
