import { ConfigError, DEFAULT_SQLITE_FILE, loadConfig } from '../../src/config';

describe('config', () => {
  it('defaults to port 4000 and a SQLite file under ./data/', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: 'localhost',
      nodeEnv: 'development',
      logLevel: 'info',
      store: { dialect: 'sqlite', filename: DEFAULT_SQLITE_FILE },
    });
    expect(DEFAULT_SQLITE_FILE).toMatch(/^data[/\\]/);
  });

  it.each([
    ['sqlite::memory:', { dialect: 'sqlite', filename: ':memory:' }],
    ['sqlite:./tmp/x.db', { dialect: 'sqlite', filename: './tmp/x.db' }],
    [
      'postgres://postgres@127.0.0.1:5432/test',
      { dialect: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:5432/test', poolSize: 10, statementTimeoutMs: 5000 },
    ],
  ])('reads DATABASE_URL=%s', (url, store) => {
    expect(loadConfig({ DATABASE_URL: url }).store).toMatchObject(store);
  });

  it('reads PUBLIC_URL as an origin, and refuses anything else', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'https://timeline.example.org/' }).publicUrl).toBe('https://timeline.example.org');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:4000' }).publicUrl).toBe('http://127.0.0.1:4000');
    for (const bad of ['ftp://x.example', 'https://x.example/timeline', 'timeline.example.org', 'https://x.example/?a=1']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
    }
  });

  it('bounds Redis and the response cache by default', () => {
    const config = loadConfig({});
    expect(config.redis).toEqual({
      keyPrefix: 'timeline:',
      commandTimeoutMs: 250,
      connectTimeoutMs: 1000,
      breakerFailures: 3,
      breakerCooldownMs: 2000,
    });
    expect(config.responseCache).toMatchObject({ maxEntries: 1000, maxEntryBytes: 262_144, maxBytes: 67_108_864 });
    expect(config.limits.rateLimitIpv6Prefix).toBe(64);
  });

  it('puts the events channel under the key prefix unless REDIS_EVENTS_CHANNEL is set, so deployments sharing a Redis stay apart', () => {
    expect(loadConfig({}).redisEventsChannel).toBe('timeline:events');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'staging:' }).redisEventsChannel).toBe('staging:events');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'staging:', REDIS_EVENTS_CHANNEL: 'shared:events' }).redisEventsChannel).toBe('shared:events');
  });

  it('reads the PostgreSQL pool settings', () => {
    const env = {
      DATABASE_URL: 'postgres://u@h/db',
      DATABASE_POOL_SIZE: '4',
      DATABASE_STATEMENT_TIMEOUT_MS: '250',
      DATABASE_SCHEMA: 'timeline',
    };
    expect(loadConfig(env).store).toMatchObject({ poolSize: 4, statementTimeoutMs: 250, schema: 'timeline' });
  });

  it.each([
    ['PORT', 'abc', 'port'],
    ['PORT', '70000', 'port'],
    ['NODE_ENV', 'staging', 'development, production, test'],
    ['LOG_LEVEL', 'loud', 'fatal, error'],
    ['DATABASE_URL', 'mysql://x', 'postgres://'],
    ['HOST', 'bad host', 'host name'],
    ['SEED_ON_START', 'maybe', 'true, false'],
    ['DATABASE_CONNECT_ATTEMPTS', '0', 'from 1 to 1000'],
    ['REDIS_EVENTS_CHANNEL', 'two words', 'letters, digits'],
    ['MAX_SUBSCRIPTIONS_PER_CONNECTION', '0', 'from 1 to 1000'],
    ['MAX_CONNECTIONS', '0', 'from 1 to 1000000'],
    ['SHUTDOWN_TIMEOUT_MS', '-1', 'from 0 to 600000'],
    ['SQLITE_BUSY_TIMEOUT_MS', 'soon', 'from 0 to 600000'],
    ['METRICS_PORT', '99999', 'port'],
    ['METRICS_OPERATIONS', 'Timeline Page', 'operation names'],
    ['REDIS_KEY_PREFIX', 'two words', 'letters, digits'],
    ['REDIS_COMMAND_TIMEOUT_MS', '0', 'from 10 to 60000'],
    ['REDIS_BREAKER_FAILURES', '0', 'from 1 to 1000'],
    ['RATE_LIMIT_IPV6_PREFIX', '129', 'from 1 to 128'],
    ['RESPONSE_CACHE_MAX_ENTRY_BYTES', '10', 'from 1024'],
  ])('rejects %s=%s, naming the variable and what it accepts', (name, value, accepts) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${name}=${JSON.stringify(value)}`);
    expect((error as Error).message).toContain(accepts);
  });

  it('reads the connection, shutdown, SQLite lock and metrics settings, with their defaults', () => {
    expect(loadConfig({}).limits).toMatchObject({ maxConnections: 4096, shutdownTimeoutMs: 10_000, requestTimeoutMs: 15_000 });
    expect(loadConfig({}).store).toMatchObject({ busyTimeoutMs: 5000 });
    expect(loadConfig({}).metrics).toEqual({ token: null, port: null, operations: [] });
    const env = {
      METRICS_TOKEN: 'abcdefghijklmnop-1234',
      METRICS_PORT: '9464',
      METRICS_OPERATIONS: 'Dashboard, Feed',
      SQLITE_BUSY_TIMEOUT_MS: '250',
      DATABASE_URL: 'sqlite:./x.db',
    };
    expect(loadConfig(env).metrics).toEqual({ token: 'abcdefghijklmnop-1234', port: 9464, operations: ['Dashboard', 'Feed'] });
    expect(loadConfig(env).store).toMatchObject({ busyTimeoutMs: 250 });
  });

  it('rejects a short METRICS_TOKEN without echoing it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN.*16 to 256/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
