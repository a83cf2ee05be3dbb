/**
 * /remind through the router: on (defaults: 09:00 and the chat's time zone), off, status, in both
 * locales; bad input is refused with a clear message and changes nothing; the terminal has no reminders.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

function me(o: { platform?: Origin['platform']; locale?: Locale } = {}): Origin {
  return {
    platform: o.platform ?? 'discord',
    chat: { id: '600', kind: 'group' },
    user: { id: '42', admin: false },
    locale: o.locale ?? 'zh-CN',
  };
}

describe('/remind', () => {
  let router: Router;
  beforeEach(async () => {
    router = await createRouter({ now: () => new Date('2026-03-02T01:00:00Z') });
  });

  it('turns on with the defaults, shows the setting, and turns off, in both locales', async () => {
    const off = await router.invokeText('/remind', me());
    expect(off?.body).toMatch(/复习提醒：关闭/);
    const on = await router.invokeText('/remind on', me());
    expect(on?.private).toBe(true);
    expect(on?.body).toContain('每天 09:00（Asia/Shanghai）');
    expect(await router.services.store.reminders.get('discord:42')).toMatchObject({
      on: true,
      time: '09:00',
      timezone: 'Asia/Shanghai',
      reachable: true,
    });
    const en = await router.invokeText('/remind on Europe/Berlin 7:05', me({ locale: 'en' }));
    expect(en?.body).toContain('at 07:05 (Europe/Berlin)');
    const status = await router.invokeText('/remind status', me({ locale: 'en' }));
    expect(status?.body).toBe('Reminders: on · daily at 07:05 (Europe/Berlin) · 0 due now');
    expect((await router.invokeText('/remind off', me()))?.body).toBe('已关闭复习提醒。');
    expect((await router.invokeText('/remind off', me({ locale: 'en' })))?.body).toMatch(/were not on/);
    expect((await router.services.store.reminders.get('discord:42'))?.on).toBe(false);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    await router.invokeText('/remind on 08:00', me());
    const time = await router.invokeText('/remind on 25:99', me({ locale: 'en' }));
    expect(time?.body).toMatch(/I do not understand "25:99"/);
    const zone = await router.invokeText('/remind on 08:30 Mars/Olympus', me());
    expect(zone?.body).toMatch(/看不懂“Mars\/Olympus”/);
    const mode = await router.invokeText('/remind sometimes', me({ locale: 'en' }));
    expect(mode?.body).toMatch(/^Usage: `\/remind on/);
    expect(await router.services.store.reminders.get('discord:42')).toMatchObject({
      on: true,
      time: '08:00',
    });
  });

  it('has no reminders in the terminal', async () => {
    const reply = await router.invokeText('/remind on', me({ platform: 'terminal', locale: 'en' }));
    expect(reply?.body).toMatch(/The terminal has no reminders/);
    expect(await router.services.store.reminders.get('terminal:42')).toBeUndefined();
  });
});
