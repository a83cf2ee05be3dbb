/**
 * Reminders end to end on Telegram: the real adapter (grammY) against the fake Bot API. A person turns
 * reminders on in their private chat and gets one message at their time when cards are due, with a
 * button that starts /review; nothing when nothing is due. From a group, someone the bot has not seen
 * privately is told it cannot message them yet, with a deep link to the private chat; when Telegram
 * refuses, the reminder turns off and their next command says so, once.
 */
import type { Chat, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Clock } from '../daily/helpers.ts';
import { liveTelegram } from '../daily/live.ts';
import type { ApiCall, FakeTelegram } from '../fakes/telegram.ts';
import { textMessage } from '../telegram/harness.ts';
import { dueCards } from './helpers.ts';

const GROUP: Chat.SupergroupChat = { id: -1005550001, type: 'supergroup', title: 'ML interview prep' };
const LIN: User = { id: 7001, is_bot: false, first_name: 'Lin', language_code: 'en' };
const PRIVATE: Chat.PrivateChat = { id: LIN.id, type: 'private', first_name: 'Lin' };
const KEY = `telegram:${LIN.id}`;

/** A message from a person, with its `/command` marked as Telegram marks it. */
const command = textMessage;

const toChat = (id: number) => (c: ApiCall) => String(c.payload.chat_id) === String(id);
type Keyboard = { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] };

describe('/remind on Telegram', () => {
  let fake: FakeTelegram;
  let daily: DailyScheduler;
  let store: Store;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveTelegram>>;

  beforeEach(async () => {
    live = await liveTelegram({ at: '2025-06-01T00:30:00Z', reminders: true, start: true });
    ({ fake, daily, store, clock } = live);
  });
  afterEach(() => live.stop());

  async function send(text: string, chat: Chat): Promise<ApiCall> {
    const since = fake.calls.length;
    fake.pushUpdate(command(text, chat, LIN));
    return fake.waitFor('sendMessage', { since, where: toChat(chat.id) });
  }

  const reminders = () =>
    fake.callsOf('sendMessage').filter((c) => c.ok && /Review reminder/.test(String(c.payload.text)));

  it('sends one reminder at the local time when cards are due, none again that day, none when nothing is due', async () => {
    const on = await send('/remind on 09:00 Asia/Shanghai', PRIVATE);
    expect(String(on.payload.text)).toContain('Reminders on: at 09:00 (Asia/Shanghai)');
    await dueCards(store, KEY, 3, '2025-05-31T00:00:00Z');

    await daily.tick(); // 08:30: not yet
    expect(reminders()).toEqual([]);
    clock.set('2025-06-01T01:00:00Z'); // 09:00 in Shanghai
    await daily.tick();
    await daily.tick();
    clock.set('2025-06-01T05:00:00Z');
    await daily.tick();
    const sent = reminders();
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.payload.chat_id)).toBe(String(LIN.id));
    expect(String(sent[0]?.payload.text)).toContain('3');
    const keyboard = sent[0]?.payload.reply_markup as Keyboard;
    expect(keyboard.inline_keyboard[0]?.[0]).toMatchObject({
      text: 'Start review',
      callback_data: 'review:next',
    });
    expect(await store.reminders.getSend(KEY, '2025-06-01')).toMatchObject({ status: 'sent', due: 3 });

    // The next day nothing is due: quiet, and the day is recorded so it is not checked again.
    await store.transaction(async () => {
      for (const id of await store.reviews.due(KEY, Date.parse('2025-06-03T00:00:00Z'), 10)) {
        const r = await store.reviews.get(KEY, id);
        if (r) await store.reviews.put({ ...r, due: Date.parse('2025-07-01T00:00:00Z') });
      }
    });
    clock.set('2025-06-02T01:30:00Z');
    await daily.tick();
    expect(reminders()).toHaveLength(1);
    expect(await store.reminders.getSend(KEY, '2025-06-02')).toMatchObject({ status: 'skipped', due: 0 });
  });

  it('from a group, tells someone it has not seen privately to start the bot, then turns off when Telegram refuses', async () => {
    const on = await send('/remind on 09:00', GROUP);
    expect(String(on.payload.text)).toContain('cannot message you yet');
    const link = (on.payload.reply_markup as Keyboard).inline_keyboard[0]?.[0]?.url ?? '';
    expect(link).toMatch(/^https:\/\/t\.me\/dlkb_test_bot\?start=a_/);
    expect(await store.reminders.get(KEY)).toMatchObject({
      on: true,
      reachable: false,
      timezone: 'Asia/Shanghai',
    });

    await dueCards(store, KEY, 2, '2025-05-31T00:00:00Z');
    fake.failNext('sendMessage', {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    clock.set('2025-06-01T01:00:00Z');
    await daily.tick();
    expect(await store.reminders.get(KEY)).toMatchObject({ on: false, notice: 'unreachable' });
    expect((await store.reminders.getSend(KEY, '2025-06-01'))?.status).toBe('failed');

    // The next command, anywhere, carries the notice once.
    const first = await send('/topics', GROUP);
    expect(String(first.payload.text)).toContain('Your review reminders are off');
    const second = await send('/topics', GROUP);
    expect(String(second.payload.text)).not.toContain('Your review reminders are off');
    clock.set('2025-06-02T01:00:00Z');
    await daily.tick();
    expect(reminders()).toEqual([]);
  });

  it('knows someone it has seen privately: no start link from the group', async () => {
    await send('/remind', PRIVATE);
    await send('/remind on 07:45', PRIVATE);
    await send('/remind off', PRIVATE);
    const on = await send('/remind on 21:00 Europe/Berlin', GROUP);
    expect(String(on.payload.text)).toContain('21:00 (Europe/Berlin)');
    expect(String(on.payload.text)).not.toContain('cannot message you yet');
    expect(await store.reminders.get(KEY)).toMatchObject({ on: true, reachable: true, time: '21:00' });
  });
});
