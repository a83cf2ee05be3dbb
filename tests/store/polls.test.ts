/**
 * The polls part (mcq feature) in memory, over SQLite and over PostgreSQL alike: remember, recall,
 * replace, forget old ones, move a chat.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import { pollsPart } from '../../src/features/mcq/part.ts';
import { POLL_KEPT_MS, type PollRecord, type PollStore } from '../../src/features/mcq/polls.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { type Made, onEveryEngine } from './engines.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const GROUP = chatKey('telegram', '-100');

function poll(over: Partial<PollRecord> = {}): PollRecord {
  return {
    pollId: 'p1',
    chatKey: GROUP,
    chatKind: 'group',
    answers: [
      'mcq:a:nms:0:3:abc:z:0',
      'mcq:a:nms:0:3:abc:z:1',
      'mcq:a:nms:0:3:abc:z:2',
      'mcq:a:nms:0:3:abc:z:3',
    ],
    sentAt: T0,
    ...over,
  };
}

onEveryEngine(pollsPart, (name: string, make: () => Made<PollStore>) => {
  describe(`polls store: ${name}`, () => {
    let store: PollStore;
    beforeEach(async () => {
      store = await make();
    });

    it('recalls a remembered poll, and nothing for an unknown one', async () => {
      await store.remember(poll());
      expect(await store.recall('p1')).toEqual(poll());
      expect(await store.recall('p2')).toBeUndefined();
    });

    it('replaces a poll remembered again', async () => {
      await store.remember(poll());
      await store.remember(poll({ chatKind: 'private', sentAt: T0 + 1 }));
      expect(await store.recall('p1')).toEqual(poll({ chatKind: 'private', sentAt: T0 + 1 }));
    });

    it('forgets polls older than the kept time when one is remembered', async () => {
      await store.remember(poll());
      await store.remember(poll({ pollId: 'p2', sentAt: T0 + POLL_KEPT_MS }));
      expect(await store.recall('p1')).toEqual(poll());
      await store.remember(poll({ pollId: 'p3', sentAt: T0 + POLL_KEPT_MS + 1 }));
      expect(await store.recall('p1')).toBeUndefined();
      expect(await store.recall('p2')).toBeDefined();
    });

    it('moves a chat’s polls when the group becomes a supergroup', async () => {
      const to = chatKey('telegram', '-1009');
      await store.remember(poll());
      await store.remember(poll({ pollId: 'p2', chatKey: chatKey('telegram', '-200') }));
      await store.moveChat(GROUP, to);
      expect((await store.recall('p1'))?.chatKey).toBe(to);
      expect((await store.recall('p2'))?.chatKey).toBe(chatKey('telegram', '-200'));
    });
  });
});
