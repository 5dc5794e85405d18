import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config';

/* Docker has no engine here: the deployment files are checked by reading them. */

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const compose = parse(read('docker-compose.yml'));
const dockerfile = read('Dockerfile');
const api = compose.services.api;

describe('docker-compose.yml', () => {
  it('passes the service only variables its config reads, and values it accepts', () => {
    const env: Record<string, string> = api.environment;
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    const config = loadConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])));
    expect(config.store.dialect).toBe('postgres');
    expect(config.host).toBe('0.0.0.0');
  });

  it('points the service at the compose PostgreSQL and Redis by service name', () => {
    const db = new URL(api.environment.DATABASE_URL);
    expect(compose.services[db.hostname]).toBeDefined();
    expect(db.username).toBe(compose.services.postgres.environment.POSTGRES_USER);
    expect(db.pathname).toBe(`/${compose.services.postgres.environment.POSTGRES_DB}`);
    expect(compose.services[new URL(api.environment.REDIS_URL).hostname]).toBeDefined();
  });

  it('publishes the port the service listens on, which the image exposes', () => {
    const [, containerPort] = String(api.ports[0]).split(':');
    expect(containerPort).toBe(String(api.environment.PORT));
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${containerPort}$`, 'm'));
  });

  it('keeps PostgreSQL in a named volume with a healthcheck, and starts the service after it is healthy', () => {
    const volume = compose.services.postgres.volumes[0].split(':')[0];
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(api.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.redis).toBeDefined();
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies only, as a non-root user, with a health check', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev|npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER (?!root)\w+$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(dockerfile).toMatch(/^FROM node:20/m);
  });

  it('has a .dockerignore that keeps local state and dependencies out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'data', 'dist', '.git']) expect(ignored).toContain(entry);
  });
});
