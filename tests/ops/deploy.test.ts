/** The deploy files say what the README promises, and the Dockerfile copies what exists. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
/** `npm run start:prod`, split: what Docker and systemd run too. */
const startProd = (
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['start:prod'] ?? ''
).split(' ');

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  const ignore = read('deploy/Dockerfile.dockerignore').split('\n');
  const stages = dockerfile.split(/^(?=FROM )/m).slice(1);
  const stage = (name: string) => stages.find((s) => s.split('\n')[0]?.endsWith(` AS ${name}`)) ?? '';
  const runtime = stages.at(-1) ?? '';

  it('compiles in a build stage and installs production dependencies only for the runtime', () => {
    expect(stage('build')).toMatch(/^RUN npm ci\b/m);
    expect(stage('build')).toMatch(/^RUN npm run build$/m);
    expect(stage('deps')).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=deps \/app\/node_modules \.\/node_modules$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).not.toMatch(/^COPY (src|commands|tsconfig)/m);
  });

  it('runs `start:prod` (the compiled build on plain node) as a non-root user with a health check', () => {
    expect(startProd.slice(0, 1)).toEqual(['node']);
    expect(startProd.at(-1)).toBe('dist/src/main.js');
    const cmd = /^CMD (\[.*\])$/m.exec(runtime)?.[1] ?? '[]';
    expect(JSON.parse(cmd)).toEqual(startProd);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/DLKB_DATA_DIR=\/data/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", ".*\/healthz/m);
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

  it('runs `start:prod`: the compiled build on plain node', () => {
    expect(unit.split('\n')).toContain(`ExecStart=/usr/bin/node ${startProd.slice(1).join(' ')}`);
  });

  it('waits longer than the 10 s graceful stop before killing', () => {
    const seconds = Number(/^TimeoutStopSec=(\d+)s$/m.exec(unit)?.[1]);
    expect(seconds).toBeGreaterThan(10);
  });
});

describe('deploy/README.md', () => {
  const readme = read('deploy/README.md');
  it('builds before starting or upgrading the systemd service, and names the command it runs', () => {
    expect(readme).toContain('cd /opt/dlkb && sudo npm ci && sudo npm run build');
    expect(readme).toContain(
      'sudo git pull && sudo npm ci && sudo npm run build && sudo systemctl restart dlkb',
    );
    expect(readme).not.toMatch(/--omit=dev/);
    expect(readme).toContain(startProd.join(' '));
  });
});
