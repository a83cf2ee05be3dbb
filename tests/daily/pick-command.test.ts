/** `/daily subscribe pick:` (issue #15 §3): parsed from a text line, kept, shown, and used by the scheduler. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { Clock, RecordingOutbox, withScheduler } from './helpers.ts';

let commands: Command[];
beforeAll(async () => {
  commands = await loadCommands();
});

describe('/daily subscribe pick', () => {
  let store: Store;
  let daily: DailyScheduler;
  let router: Router;
  let clock: Clock;
  let outbox: RecordingOutbox;

  beforeEach(() => {
    clock = new Clock('2025-06-01T00:30:00Z');
    store = memoryAppStore();
    const made = withScheduler(store, clock);
    daily = made.daily;
    outbox = new RecordingOutbox('telegram', clock);
    daily.attach(outbox);
    router = new Router(commands, made.services);
  });
  afterEach(() => daily.stop());

  const line = (text: string, locale: 'en' | 'zh-CN' = 'en') =>
    router.invokeText(text, {
      platform: 'telegram',
      chat: { id: '-42', kind: 'group' },
      user: { id: 'u1', admin: true },
      locale,
    });

  it('takes pick from a text line, shows it in both locales, and posts without a rotation', async () => {
    const reply = await line('/daily subscribe 09:00 UTC pick:adaptive');
    expect(reply?.body).toMatch(/\*\*Pick:\*\* adaptive/);
    expect((await store.daily.getSubscription('telegram:-42'))?.pick).toBe('adaptive');
    const status = await line('/daily status', 'zh-CN');
    expect(status?.body).toMatch(/\*\*选题：\*\* 自适应/);
    expect(status?.body).not.toMatch(/本轮/);
    clock.set('2025-06-01T09:00:30Z');
    await daily.tick();
    expect(outbox.to('-42')).toHaveLength(1);
    const post = (await store.daily.recentDeliveries('telegram:-42', 5)).find((d) => d.kind === 'post');
    expect(post?.status).toBe('sent');
    expect(await store.daily.getRotation('telegram:-42')).toBeUndefined();
  });

  it('defaults to the rotation', async () => {
    const reply = await line('/daily subscribe');
    expect((await store.daily.getSubscription('telegram:-42'))?.pick).toBe('rotation');
    expect(reply?.body).toMatch(/\*\*Pick:\*\* rotation/);
  });

  it('refuses an unknown pick in both locales and changes nothing', async () => {
    const en = await line('/daily subscribe pick:random');
    const zh = await line('/daily subscribe pick:random', 'zh-CN');
    expect(en?.body).toMatch(/random/);
    expect(en?.body).toMatch(/adaptive/);
    expect(zh?.body).toMatch(/adaptive/);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });
});
