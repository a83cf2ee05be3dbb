import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { Lifecycle } from '../../src/ops/lifecycle.ts';
import { StartupError } from '../../src/ops/startup-error.ts';
import { StoreError } from '../../src/store/store.ts';
import { memoryLogger } from './logs.ts';

function setup(graceMs = 1_000) {
  const { log, lines } = memoryLogger();
  const exits: number[] = [];
  const lifecycle = new Lifecycle({ log, graceMs, exit: (code) => exits.push(code) });
  return { lifecycle, exits, lines };
}

describe('Lifecycle.shutdown', () => {
  it('runs the steps newest first, waiting for each', async () => {
    const { lifecycle } = setup();
    const order: string[] = [];
    lifecycle.defer('database', () => order.push('database'));
    lifecycle.defer('adapters', async () => {
      await sleep(20);
      order.push('adapters');
    });
    lifecycle.defer('cron', () => order.push('cron'));
    expect(lifecycle.stopping).toBe(false);
    expect(await lifecycle.shutdown('test')).toBe(0);
    expect(lifecycle.stopping).toBe(true);
    expect(order).toEqual(['cron', 'adapters', 'database']);
  });

  it('abandons a step still running at the deadline and still closes the rest', async () => {
    const { lifecycle, lines } = setup(100);
    const order: string[] = [];
    lifecycle.defer('database', () => order.push('database'));
    lifecycle.defer('hung adapter', () => new Promise(() => {}));
    const started = performance.now();
    expect(await lifecycle.shutdown('test')).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(order).toEqual(['database']);
    expect(lines().some((l) => l.includes('"step":"hung adapter"') && l.includes('timed out'))).toBe(true);
  });

  it('exits 1 when a step fails, after running the others', async () => {
    const { lifecycle, lines } = setup();
    const order: string[] = [];
    lifecycle.defer('database', () => order.push('database'));
    lifecycle.defer('adapter', () => Promise.reject(new Error('gateway exploded')));
    lifecycle.defer('cron', () => {
      throw new Error('cron stuck');
    });
    expect(await lifecycle.shutdown('test')).toBe(1);
    expect(order).toEqual(['database']);
    expect(lines().filter((l) => l.includes('shutdown step failed'))).toHaveLength(2);
  });

  it('runs once however often it is asked', async () => {
    const { lifecycle } = setup();
    let runs = 0;
    lifecycle.defer('step', async () => {
      runs++;
      await sleep(10);
    });
    const [a, b] = await Promise.all([lifecycle.shutdown('one'), lifecycle.shutdown('two')]);
    expect([a, b, runs]).toEqual([0, 0, 1]);
  });
});

describe('Lifecycle.install', () => {
  it('stops gracefully on SIGTERM, then exits 0', async () => {
    const { lifecycle, exits } = setup();
    const proc = new EventEmitter();
    const uninstall = lifecycle.install(proc);
    let closed = false;
    lifecycle.defer('database', () => {
      closed = true;
    });
    proc.emit('SIGTERM', 'SIGTERM');
    await lifecycle.shutdown('wait');
    await sleep(0);
    expect(closed).toBe(true);
    expect(exits).toEqual([0]);
    uninstall();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('uncaughtException')).toBe(0);
  });

  it('exits at once on a second signal', async () => {
    const { lifecycle, exits } = setup(5_000);
    const proc = new EventEmitter();
    lifecycle.install(proc);
    let release = () => {};
    lifecycle.defer('slow adapter', () => new Promise<void>((r) => (release = r)));
    proc.emit('SIGINT', 'SIGINT');
    await sleep(10);
    expect(exits).toEqual([]);
    proc.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    release();
    await lifecycle.shutdown('wait');
  });

  it('logs a crash, runs only the synchronous crash steps, and exits 1', () => {
    const { lifecycle, exits, lines } = setup();
    const proc = new EventEmitter();
    lifecycle.install(proc);
    const ran: string[] = [];
    lifecycle.defer('database', () => ran.push('database'), { onCrash: true });
    lifecycle.defer('adapters', () => ran.push('adapters'));
    proc.emit('uncaughtException', new Error('thrown from a timer'), 'uncaughtException');
    expect(ran).toEqual(['database']);
    expect(exits).toEqual([1]);
    const fatal = lines().find((l) => l.includes('"level":60'));
    expect(fatal).toContain('thrown from a timer');
    expect(fatal).toContain('uncaughtException');
  });

  it('logs and counts an unhandled rejection that is not fatal, and goes on', () => {
    const { lifecycle, exits, lines } = setup();
    const proc = new EventEmitter();
    lifecycle.install(proc);
    const seen: unknown[] = [];
    lifecycle.onRecovered((error) => seen.push(error));
    const lost = new Error('sendMessage failed after the webhook answered');
    proc.emit('unhandledRejection', lost);
    expect(exits).toEqual([]);
    expect(seen).toEqual([lost]);
    expect(lifecycle.stopping).toBe(false);
    const line = lines().find((l) => l.includes('sendMessage failed after the webhook answered'));
    expect(line).toContain('"level":50');
  });

  it.each([
    ['a database that cannot be opened', new StoreError('database is damaged', '/data/dlkb.sqlite')],
    ['a configuration error', new ConfigError('DLKB_TIMEZONE', 'expected an IANA time zone')],
    ['a startup error, as a cause', new Error('wrapped', { cause: new StartupError('no port', 1) })],
  ])('still exits 1 on an unhandled rejection of %s', (_, error) => {
    const { lifecycle, exits, lines } = setup();
    const proc = new EventEmitter();
    lifecycle.install(proc);
    proc.emit('unhandledRejection', error);
    expect(exits).toEqual([1]);
    expect(lines().find((l) => l.includes('"level":60'))).toContain('unhandledRejection');
  });

  it('logs a crash in one bounded line, without the context an error carries', () => {
    const { lifecycle, lines } = setup();
    const text = `private words ${'x'.repeat(200_000)}`;
    const error = Object.assign(new Error('middleware failed'), {
      ctx: { update: { message: { text, from: { first_name: 'Ada Lovelace' } } } },
      error: new Error('inner cause'),
    });
    lifecycle.crash(error, 'uncaughtException');
    const fatal = lines().find((l) => l.includes('"level":60')) ?? '';
    expect(fatal).toContain('middleware failed');
    expect(fatal.length).toBeLessThan(8_000);
    expect(fatal).not.toContain('private words');
    expect(fatal).not.toContain('Ada Lovelace');
  });
});
