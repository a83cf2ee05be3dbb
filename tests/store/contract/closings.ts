/** The contract every ClosingStore keeps (memory and SQLite run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import {
  CLOSING_KEPT_MS,
  type Closing,
  type ClosingStore,
  isClosed,
} from '../../../src/features/mcq/closings.ts';
import { type ChatKey, chatKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

const T0 = Date.parse('2026-03-04T04:00:00Z');

/** A closing of a round question in chat `discord:500` (or `chat`), sent at `sentAt`. */
function closing(questionId: string, over: Partial<Closing> = {}): Closing {
  return {
    chatKey: chatKey('discord', '500'),
    questionId,
    kind: 'round',
    platform: 'discord',
    chatId: '500',
    entryId: 'nms',
    item: 1,
    order: 7,
    sentAt: T0,
    locale: 'en',
    title: 'Question 1/3 · 10 s · Multiple choice',
    owner: null,
    messageId: null,
    closeAt: T0 + 10_000,
    shownAt: null,
    ...over,
  };
}

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function closingsContract(name: string, make: () => Made<ClosingStore>): void {
  describe(`closings contract: ${name}`, () => {
    let store: ClosingStore;
    const chat: ChatKey = chatKey('discord', '500');
    beforeEach(async () => {
      store = await make();
    });

    it('stores a closing once, reads it back whole, and records its message', async () => {
      expect(await store.open(closing('q1'))).toBe(true);
      expect(await store.open(closing('q1', { closeAt: T0 }))).toBe(false);
      expect(await store.get(chat, 'q1')).toEqual(closing('q1'));
      expect(await store.get(chatKey('discord', '501'), 'q1')).toBeUndefined();
      await store.sent(chat, 'q1', '900');
      expect((await store.get(chat, 'q1'))?.messageId).toBe('900');
      const mcq = closing('q2', { kind: 'mcq', owner: '7', title: null, closeAt: null, locale: 'zh-CN' });
      await store.open(mcq);
      expect(await store.get(chat, 'q2')).toEqual(mcq);
    });

    it('is closed from closeAt on; closing moves it earlier only', async () => {
      await store.open(closing('q1'));
      await store.open(closing('q2', { kind: 'mcq', closeAt: null }));
      expect(isClosed(await store.get(chat, 'q1'), T0 + 9_999)).toBe(false);
      expect(isClosed(await store.get(chat, 'q1'), T0 + 10_000)).toBe(true);
      expect(isClosed(await store.get(chat, 'q2'), T0 + 10 ** 9)).toBe(false);
      expect(await store.close(chat, 'q1', T0 + 20_000)).toBe(false);
      expect(await store.close(chat, 'q1', T0 + 5_000)).toBe(true);
      expect((await store.get(chat, 'q1'))?.closeAt).toBe(T0 + 5_000);
      expect(await store.close(chat, 'q2', T0 + 1_000)).toBe(true);
      expect(await store.close(chat, 'q2', T0 + 1_000)).toBe(false);
      expect(await store.close(chat, 'nope', T0)).toBe(false);
    });

    it('closes the open questions of one kind in a chat (a round stopped)', async () => {
      await store.open(closing('q1', { closeAt: T0 + 10_000 }));
      await store.open(closing('q0', { closeAt: T0 - 1 }));
      await store.open(closing('m', { kind: 'mcq', closeAt: null }));
      await store.open(closing('x', { chatKey: chatKey('discord', '501'), chatId: '501' }));
      expect(await store.closeChat(chat, 'round', T0 + 3_000)).toBe(1);
      expect((await store.get(chat, 'q1'))?.closeAt).toBe(T0 + 3_000);
      expect((await store.get(chat, 'q0'))?.closeAt).toBe(T0 - 1);
      expect((await store.get(chat, 'm'))?.closeAt).toBeNull();
      expect((await store.get(chatKey('discord', '501'), 'x'))?.closeAt).toBe(T0 + 10_000);
    });

    it('lists the due ones with a message not shown yet, oldest first, at most `limit`', async () => {
      await store.open(closing('late', { closeAt: T0 + 30_000, messageId: '3' }));
      await store.open(closing('b', { closeAt: T0 + 20_000, messageId: '2' }));
      await store.open(closing('a', { closeAt: T0 + 10_000, messageId: '1' }));
      await store.open(closing('unsent', { closeAt: T0 }));
      await store.open(closing('open', { kind: 'mcq', closeAt: null, messageId: '4' }));
      expect((await store.due(T0 + 25_000, 10)).map((c) => c.questionId)).toEqual(['a', 'b']);
      expect((await store.due(T0 + 25_000, 1)).map((c) => c.questionId)).toEqual(['a']);
      await store.shown(chat, 'a', T0 + 25_000);
      expect((await store.get(chat, 'a'))?.shownAt).toBe(T0 + 25_000);
      expect((await store.due(T0 + 40_000, 10)).map((c) => c.questionId)).toEqual(['b', 'late']);
    });

    it('forgets closings sent long before a new one', async () => {
      await store.open(closing('old', { sentAt: T0 }));
      await store.open(closing('new', { sentAt: T0 + CLOSING_KEPT_MS + 1 }));
      expect(await store.get(chat, 'old')).toBeUndefined();
      expect(await store.get(chat, 'new')).toBeDefined();
    });

    it('moves a chat’s closings to its new key, replacing what it had', async () => {
      const from = chatKey('telegram', '-1');
      const to = chatKey('telegram', '-1001');
      await store.open(closing('q', { chatKey: from, chatId: '-1', platform: 'telegram' }));
      await store.open(closing('old', { chatKey: to, chatId: '-1001', platform: 'telegram' }));
      await store.moveChat(from, to);
      expect(await store.get(to, 'q')).toMatchObject({ chatKey: to, chatId: '-1001' });
      expect(await store.get(to, 'old')).toBeUndefined();
      expect(await store.get(from, 'q')).toBeUndefined();
    });
  });
}
