/**
 * The daily post's format (issue #11 §5): `flashcard` (today's card), `choice` (the entry's
 * multiple-choice item: A–D buttons, and the native question for Telegram) and `both` (the card, then the
 * choice), each a recorded delivery posted exactly once; and the community's result at the reveal
 * (issue #15 §3): how many answered and the share right, shown from 3 people and never below, counting
 * the self-ratings of that day's card in the chat too (each person once; 记得/简单 right, 忘了/模糊 wrong).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import { recordDailyRating } from '../../src/features/daily/ratings.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { PostFormat } from '../../src/features/daily/store.ts';
import { parseAnswer } from '../../src/features/mcq/asked.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import { isActionButton, type Reply } from '../../src/kernel/reply.ts';
import { Clock, RecordingOutbox, subscription, withScheduler } from './helpers.ts';

const NINE = '2025-06-01T01:00:00Z';
const FIVE_PM = '2025-06-01T09:00:00Z';

let commands: Command[];
beforeAll(async () => {
  commands = await loadCommands();
});

/** The post delivery of the test chat. */
const postOf = async (store: Store) =>
  (await store.daily.recentDeliveries('telegram:-7', 5)).find((d) => d.kind === 'post');

/** The answer action ids of a posted question, A–D. */
function answerActions(reply: Reply | undefined): string[] {
  return (reply?.buttons?.[0] ?? []).flatMap((b) => (isActionButton(b) ? [b.action] : []));
}

describe('daily post formats', () => {
  let clock: Clock;
  let store: Store;
  let daily: DailyScheduler;
  let router: Router;
  let telegram: RecordingOutbox;
  let discord: RecordingOutbox;

  beforeEach(() => {
    clock = new Clock('2025-06-01T00:00:00Z');
    store = memoryAppStore();
    const made = withScheduler(store, clock);
    made.services.onReviewed = recordDailyRating(made.services);
    daily = made.daily;
    router = new Router(commands, made.services);
    telegram = new RecordingOutbox('telegram', clock);
    discord = new RecordingOutbox('discord', clock);
    daily.attach(telegram);
    daily.attach(discord);
  });
  afterEach(() => daily.stop());

  const post = async (format: PostFormat, over: { platform?: 'discord' | 'telegram' } = {}) => {
    const platform = over.platform ?? 'telegram';
    await store.daily.putSubscription(subscription('-7', { format, platform, locale: 'en' }));
    clock.set(NINE);
    await daily.tick();
    clock.advance(60_000);
    await daily.tick();
    return platform === 'discord' ? discord : telegram;
  };

  /** Presses an answer of the posted question as `users` people: the first `right` of them right. */
  const answer = async (reply: Reply | undefined, people: number, right: number) => {
    const actions = answerActions(reply);
    const correct = reply?.choice?.correct ?? -1;
    for (let i = 0; i < people; i++) {
      const shown = i < right ? correct : (correct + 1) % 4;
      await router.press(actions[shown] ?? '', {
        platform: 'discord',
        chat: { id: '-7', kind: 'group' },
        user: { id: `p${i}`, name: `p${i}`, admin: false },
        locale: 'en',
      });
    }
  };

  it('flashcard (the default) posts the card alone, with no question asked', async () => {
    const out = await post('flashcard');
    expect(out.sent).toHaveLength(1);
    expect(out.sent[0]?.reply.title).toMatch(/^📅 Daily question/);
    expect(out.sent[0]?.reply.choice).toBeUndefined();
    const d = await postOf(store);
    expect(d?.status).toBe('sent');
    expect(d?.questionId ?? null).toBeNull();
  });

  it('choice posts the entry’s multiple-choice item once, and records the question it asked', async () => {
    const out = await post('choice');
    expect(out.sent).toHaveLength(1);
    const [sent] = out.sent;
    expect(sent?.reply.choice?.options).toHaveLength(4);
    expect(answerActions(sent?.reply)).toHaveLength(4);
    const d = await postOf(store);
    expect(d).toMatchObject({ kind: 'post', status: 'sent', messageId: sent?.id });
    const asked = parseAnswer(answerActions(sent?.reply)[0]?.split(':').slice(2) ?? [])?.asked;
    expect(asked?.entryId).toBe(d?.entryId);
    expect(d?.questionId).toMatch(new RegExp(`^${d?.entryId}\\.\\d\\.\\d+\\.[0-9a-z]+$`));
  });

  it('both posts the card, then the choice; the reveal answers the card', async () => {
    const out = await post('both');
    expect(out.sent).toHaveLength(2);
    expect(out.sent[0]?.reply.choice).toBeUndefined();
    expect(out.sent[1]?.reply.choice).toBeDefined();
    clock.set(FIVE_PM);
    await daily.tick();
    expect(out.sent).toHaveLength(3);
    expect(out.sent[2]).toMatchObject({ replyTo: out.sent[0]?.id });
  });

  it('both: a choice that fails is retried without posting the card twice', async () => {
    telegram.fail = (_chat, attempt) => (attempt === 2 ? new DeliveryError('boom', 'transient') : undefined);
    const out = await post('both');
    expect(out.attempts).toBe(3);
    expect(out.sent.map((s) => (s.reply.choice ? 'choice' : 'card'))).toEqual(['card', 'choice']);
    const d = await postOf(store);
    expect(d).toMatchObject({ status: 'sent', messageId: out.sent[0]?.id });
  });

  it('mentions the role once, on the first message of a two-message post', async () => {
    const calls: (string | undefined)[] = [];
    const send = discord.send.bind(discord);
    discord.send = (chatId, reply, options) => {
      calls.push(options?.mentionRole);
      return send(chatId, reply, options);
    };
    await store.daily.putSubscription(
      subscription('-7', { platform: 'discord', format: 'both', roleId: '42', thread: 'off' }),
    );
    clock.set(NINE);
    await daily.tick();
    expect(calls).toEqual(['42', undefined]);
  });

  it('the reveal says how many answered and the share right when 3 took part (Discord buttons)', async () => {
    const out = await post('choice', { platform: 'discord' });
    await answer(out.sent[0]?.reply, 3, 2);
    clock.set(FIVE_PM);
    await daily.tick();
    const reveal = out.sent[1];
    expect(reveal?.replyTo).toBe(out.sent[0]?.id);
    expect(reveal?.reply.body).toMatch(/^📊 3 people answered, 67 % right\n/);
  });

  /** Rates the chat's posted card as `who` with FSRS grade `grade` (1 忘了 … 4 简单), in chat -7 (or `chat`). */
  const rate = async (who: string, grade: number, chat = '-7') => {
    const entryId = (await store.daily.recentDeliveries('discord:-7', 5)).find(
      (d) => d.kind === 'post',
    )?.entryId;
    return router.press(`review:rate:${entryId}:${grade}`, {
      platform: 'discord',
      chat: { id: chat, kind: 'group' },
      user: { id: who, name: who, admin: false },
      locale: 'en',
    });
  };

  it('counts the card’s self-ratings in the chat: 记得/简单 right, 忘了/模糊 wrong', async () => {
    const out = await post('flashcard', { platform: 'discord' });
    await rate('r1', 3);
    await rate('r2', 4);
    await rate('r3', 1);
    await rate('r3', 4); // a person's first rating counts
    await rate('r4', 4, '-8'); // rated in another chat
    clock.set(FIVE_PM);
    await daily.tick();
    expect(out.sent[1]?.reply.body).toMatch(/^📊 3 people answered, 67 % right\n/);
    await rate('r5', 4); // after the reveal: not counted
    expect(await store.dailyRatings.ratings(chatKey('discord', '-7'), '2025-06-01')).toHaveLength(3);
  });

  it('counts a person who answered and rated once, by their answer', async () => {
    const out = await post('choice', { platform: 'discord' });
    await answer(out.sent[0]?.reply, 2, 1); // p0 right, p1 wrong
    await rate('p1', 4); // answered already: counted by the answer
    await rate('r1', 2); // 模糊: wrong
    clock.set(FIVE_PM);
    await daily.tick();
    expect(out.sent[1]?.reply.body).toMatch(/^📊 3 people answered, 33 % right\n/);
  });

  it('says nothing about the result when only 2 took part', async () => {
    const out = await post('choice', { platform: 'discord' });
    await answer(out.sent[0]?.reply, 2, 2);
    clock.set(FIVE_PM);
    await daily.tick();
    expect(out.sent[1]?.reply.title).toMatch(/^✅ Daily question · answer/);
    expect(out.sent[1]?.reply.body).not.toContain('📊');
  });

  it('writes the result in Chinese for a Chinese chat', async () => {
    await store.daily.putSubscription(subscription('-7', { format: 'choice', platform: 'discord' }));
    clock.set(NINE);
    await daily.tick();
    await answer(discord.sent[0]?.reply, 4, 1);
    clock.set(FIVE_PM);
    await daily.tick();
    expect(discord.sent[1]?.reply.body).toMatch(/^📊 本题 4 人作答，25 % 答对\n/);
  });
});

describe('/daily subscribe format', () => {
  let store: Store;
  let daily: DailyScheduler;
  let router: Router;

  beforeEach(() => {
    const clock = new Clock('2025-06-01T00:30:00Z');
    store = memoryAppStore();
    const made = withScheduler(store, clock);
    daily = made.daily;
    daily.attach(new RecordingOutbox('telegram', clock));
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

  it('takes format from a text line, keeps it, and shows it in the confirmation and status', async () => {
    const reply = await line('/daily subscribe 09:00 format:both');
    expect(reply?.body).toMatch(/\*\*Format:\*\* flashcard, then a multiple-choice question/);
    expect((await store.daily.getSubscription('telegram:-42'))?.format).toBe('both');
    await line('/daily subscribe 09:00 choice');
    const status = await line('/daily status', 'zh-CN');
    expect(status?.body).toMatch(/\*\*形式：\*\* 选择题/);
  });

  it('defaults to the flashcard', async () => {
    await line('/daily subscribe');
    expect((await store.daily.getSubscription('telegram:-42'))?.format).toBe('flashcard');
  });

  it('refuses an unknown format in both locales and changes nothing', async () => {
    const en = await line('/daily subscribe format:poll');
    const zh = await line('/daily subscribe format:poll', 'zh-CN');
    expect(en?.body).toMatch(/poll/);
    expect(en?.body).toMatch(/flashcard/);
    expect(zh?.body).toMatch(/poll/);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });
});
