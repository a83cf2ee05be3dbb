/** deploy/compose.yaml's replicated set-up (profile `replicas`) and its proxy, deploy/Caddyfile. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const startProd = (
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['start:prod'] ?? ''
).split(' ');

interface Service {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  entrypoint?: string[];
  command?: string[];
}
const text = read('deploy/compose.yaml');
const compose = parse(text, { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
};
const service = (name: string): Service => compose.services[name] ?? {};
const replicas = ['dlkb-1', 'dlkb-2'];

describe('deploy/compose.yaml, replicated', () => {
  it('leaves `docker compose up` as it was: only the single SQLite node has no profile', () => {
    const defaults = Object.entries(compose.services).filter(([, s]) => !s.profiles);
    expect(defaults.map(([name]) => name)).toEqual(['dlkb']);
    expect(service('dlkb').environment).not.toHaveProperty('DATABASE_URL');
  });

  it('runs PostgreSQL with a volume, a pg_isready health check and its password from a secret file', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^postgres:(16|17)$/);
    expect(postgres.profiles).toContain('replicas');
    expect(postgres.healthcheck?.test).toContain('pg_isready');
    expect(postgres.volumes).toContain('dlkb-postgres:/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty('dlkb-postgres');
    expect(postgres.environment?.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(postgres.environment).not.toHaveProperty('POSTGRES_PASSWORD');
    expect(postgres.secrets).toEqual(['postgres_password']);
    const file = compose.secrets.postgres_password?.file ?? '';
    expect(file).toBe('./secrets/postgres_password');
    expect(read('.gitignore').split('\n')).toContain('deploy/secrets/');
  });

  it('writes no password into the file: every PostgreSQL URL takes it from the secret', () => {
    const urls = [...text.matchAll(/postgres(?:ql)?:\/\/[^"]*/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls)
      expect(url).toBe('postgres://dlkb:$$(cat /run/secrets/postgres_password)@postgres:5432/dlkb');
    expect(text).not.toMatch(/PASSWORD:\s/);
  });

  it('runs two replicas of start:prod in webhook mode on PostgreSQL, one Discord shard each', () => {
    const shards = replicas.map((name) => {
      const replica = service(name);
      expect(replica.profiles).toEqual(['replicas']);
      expect(replica.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      expect(replica.secrets).toEqual(['postgres_password']);
      expect(replica.entrypoint?.join(' ')).toMatch(/export DATABASE_URL=.*; exec "\$\$@"/);
      expect(replica.command).toEqual(startProd);
      expect(replica.environment?.TELEGRAM_WEBHOOK_URL).toBe(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, not JavaScript's
        'https://${DLKB_DOMAIN:-localhost}${DLKB_WEBHOOK_PATH:-/telegram}',
      );
      expect(replica.environment?.PORT).toBe('8080');
      expect(replica.environment?.DLKB_HEALTH_PORT).toBe('8081');
      expect(replica.environment?.DISCORD_SHARD_COUNT).toBe(String(replicas.length));
      return replica.environment?.DISCORD_SHARDS;
    });
    expect(shards).toEqual(['0', '1']);
  });

  it('migrates with the single node’s volume and the same secret', () => {
    const migrate = service('migrate-store');
    expect(migrate.volumes).toEqual(service('dlkb').volumes);
    expect(migrate.entrypoint?.join(' ')).toContain('dist/src/cli/main.js migrate-store --to');
    expect(service('postgres').profiles).toContain('migrate');
  });
});

describe('deploy/Caddyfile', () => {
  const caddyfile = read('deploy/Caddyfile');
  const proxy = service('proxy');

  it('hands POSTs to the webhook path to both replicas in turn, checking their health port', () => {
    expect(proxy.profiles).toEqual(['replicas']);
    expect(proxy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddyfile).toMatch(/^\s*method POST$/m);
    expect(caddyfile).toContain(`path {$DLKB_WEBHOOK_PATH:/telegram}`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, not JavaScript's
    expect(proxy.environment?.DLKB_WEBHOOK_PATH).toBe('${DLKB_WEBHOOK_PATH:-/telegram}');
    expect(caddyfile).toMatch(
      new RegExp(
        `reverse_proxy ${replicas.map((r) => `${r}:${service(r).environment?.PORT}`).join(' ')} \\{`,
      ),
    );
    expect(caddyfile).toMatch(/^\s*lb_policy round_robin$/m);
    expect(caddyfile).toMatch(
      new RegExp(`^\\s*health_port ${service('dlkb-1').environment?.DLKB_HEALTH_PORT}$`, 'm'),
    );
  });
});
