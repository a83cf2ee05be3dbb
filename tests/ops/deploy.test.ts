/** The deploy files say what the README promises, and the Dockerfile copies what exists. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  const ignore = read('deploy/Dockerfile.dockerignore').split('\n');

  it('installs production dependencies only and runs as a non-root user with a health check', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/DLKB_DATA_DIR=\/data/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", ".*\/healthz/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "src\/main\.ts"\]$/m);
  });

  it('copies only files that exist and that the build context lets through', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      (m[1] ?? '').split(' '),
    );
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      expect(existsSync(`${ROOT}${source}`), source).toBe(true);
      expect(ignore, source).toContain(`!${source}`);
    }
    expect(ignore).toContain('*');
  });
});

describe('deploy/compose.yaml', () => {
  it('keeps the data on a volume and reads the env file', () => {
    const compose = parse(read('deploy/compose.yaml')) as {
      services: Record<
        string,
        { env_file: string[]; volumes: string[]; environment: Record<string, string> }
      >;
      volumes: Record<string, unknown>;
    };
    const dlkb = compose.services.dlkb;
    expect(dlkb?.env_file).toEqual(['../.env']);
    expect(dlkb?.volumes).toContain('dlkb-data:/data');
    expect(dlkb?.environment.DLKB_DATA_DIR).toBe('/data');
    expect(compose.volumes).toHaveProperty('dlkb-data');
  });
});

describe('deploy/dlkb.service', () => {
  const unit = read('deploy/dlkb.service');
  it.each([
    'Restart=on-failure',
    'RestartPreventExitStatus=78',
    'EnvironmentFile=/etc/dlkb/dlkb.env',
    'User=dlkb',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ReadWritePaths=/var/lib/dlkb',
    'Environment=DLKB_DATA_DIR=/var/lib/dlkb',
    'KillSignal=SIGTERM',
  ])('has %s', (line) => {
    expect(unit.split('\n')).toContain(line);
  });

  it('waits longer than the 10 s graceful stop before killing', () => {
    const seconds = Number(/^TimeoutStopSec=(\d+)s$/m.exec(unit)?.[1]);
    expect(seconds).toBeGreaterThan(10);
  });
});
