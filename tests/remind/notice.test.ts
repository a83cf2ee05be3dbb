/**
 * The one-time notice through the router (`Services.notice`): shown above the reply of the person's next
 * command and then dropped; kept while the reply may be replaced where it was asked (a private reply
 * with `reopen` in a group); a command from a Telegram private chat marks the person reachable.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import type { Chat } from '../../src/kernel/identity.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';
import { reminder } from '../store/contract/reminders.ts';

const KEY = 'telegram:1';
const at = (kind: Chat['kind']): Origin => ({
  platform: 'telegram',
  chat: { id: kind === 'private' ? '1' : '-100', kind },
  user: { id: '1', admin: false },
  locale: 'en',
});

describe('the reminders’ notice', () => {
  let router: Router;
  beforeEach(async () => {
    router = await createRouter();
  });

  it('is shown once, with the next command whose reply is shown where it was asked', async () => {
    const { reminders } = router.services.store;
    await reminders.put(reminder({ on: false, notice: 'unreachable', locale: 'en' }));
    const plan = await router.invokeText('/plan', at('group'));
    expect(plan?.reopen).toBeDefined();
    expect(plan?.body).not.toContain('Your review reminders are off');
    expect((await reminders.get(KEY))?.notice).toBe('unreachable');
    const topics = await router.invokeText('/topics', at('group'));
    expect(topics?.body).toMatch(/^⚠️ Your review reminders are off/);
    expect((await reminders.get(KEY))?.notice).toBeNull();
    expect((await router.invokeText('/topics', at('group')))?.body).not.toContain('reminders are off');
  });

  it('marks a Telegram user reachable once seen in a private chat, and nobody else', async () => {
    const { reminders } = router.services.store;
    await reminders.put(reminder({ reachable: false }));
    await router.invokeText('/topics', at('group'));
    expect((await reminders.get(KEY))?.reachable).toBe(false);
    await router.invokeText('/topics', at('private'));
    expect((await reminders.get(KEY))?.reachable).toBe(true);
    await router.invokeText('/topics', { ...at('private'), user: { id: '2', admin: false } });
    expect(await reminders.get('telegram:2')).toBeUndefined();
  });
});
