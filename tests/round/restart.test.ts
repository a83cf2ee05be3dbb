/**
 * A round survives a restart (SQLite, a new process's router and runner over the same file): it goes on
 * at its next question, never posts one twice (not even one whose send failed or was cut by the stop),
 * and a round overdue for long ends at once with the scoreboard of what was played. The `rounds` part
 * keeps the same contract in memory, over SQLite and over PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../src/app/router.ts';
import { createRouter } from '../../src/app/services.ts';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import { roundsPart } from '../../src/features/round/part.ts';
import type { RoundRunner } from '../../src/features/round/runner.ts';
import type { RoundRecord, RoundStore } from '../../src/features/round/store.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { type Made, onEveryEngine } from '../store/engines.ts';
import { player, question, RecordingOutbox, T0 } from './helpers.ts';

let dir: string;
let now = T0;
const open: AppSqliteStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlkb-round-'));
  now = T0;
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A process: a router over the data folder with a runner posting to a fresh outbox. */
async function boot() {
  const store = openAppStore(dir);
  open.push(store);
  const router: Router = await createRouter({ store, now: () => new Date(now) });
  const runner = router.services.rounds as RoundRunner;
  const outbox = new RecordingOutbox();
  runner.attach(outbox);
  const tick = async (ms: number) => {
    now = T0 + ms;
    await runner.tick();
  };
  return { store, router, outbox, tick };
}

describe('a round across a restart', () => {
  it('resumes at the next question and never repeats one, even one whose send failed', async () => {
    const first = await boot();
    await first.router.invokeText('/round 4 seconds=10', player('S'));
    await first.tick(2000);
    const q1 = question(first.router, first.outbox.questions()[0]);
    await first.router.press(q1.right, player('A'));
    first.outbox.failNext = true; // question 2 is claimed, then its send is cut
    await first.tick(12_000);
    expect(first.outbox.questions()).toHaveLength(1);
    await first.store.close();
    open.splice(0);

    const second = await boot();
    await second.tick(15_000);
    expect(second.outbox.sent).toHaveLength(0); // question 2 still open: nothing due
    await second.tick(22_000);
    const posted = second.outbox.questions();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.title).toMatch(/^Question 3\/4/);
    const q3 = question(second.router, posted[0]);
    expect(q3.asked.entryId).not.toBe(q1.asked.entryId);
    await second.router.press(q3.right, player('A'));
    await second.tick(22_000);
    await second.tick(32_000);
    await second.tick(42_000);
    const titles = second.outbox.sent.map((s) => s.reply.title ?? '');
    expect(titles.filter((t) => t.startsWith('Question'))).toHaveLength(2);
    expect(titles.at(-1)).toBe('🏆 Round over');
    expect(second.outbox.sent.at(-1)?.reply.body).toContain('🥇 Player A: 2/2 right');
  });

  it('ends a round overdue for long at once, with the scoreboard of what was played', async () => {
    const first = await boot();
    await first.router.invokeText('/round 5 seconds=30', player('S'));
    await first.tick(2000);
    await first.store.close();
    open.splice(0);
    const second = await boot();
    await second.tick(3_600_000);
    expect(second.outbox.sent.map((s) => s.reply.title)).toEqual([
      '🏆 Round cut short (the bot was down too long): the scores of what was played',
    ]);
    expect(await second.store.rounds.get(chatKey('discord', '500'))).toBeUndefined();
  });
});

function sample(chat = '1'): RoundRecord {
  return {
    chatKey: chatKey('telegram', chat),
    platform: 'telegram',
    chatId: chat,
    starter: { id: '7', name: 'Ann' },
    locale: 'en',
    settings: { count: 2, seconds: 10 },
    questions: [
      { entryId: 'x', item: 0, order: 3 },
      { entryId: 'y', item: 1, order: 5 },
    ],
    posted: 0,
    startedAt: T0,
    nextAt: T0 + 2000,
  };
}

onEveryEngine(roundsPart, (name: string, make: () => Made<RoundStore>) => {
  describe(`rounds part contract: ${name}`, () => {
    let store: RoundStore;
    beforeEach(async () => {
      store = await make();
    });

    it('keeps one round per chat, due by its next step, claimed once per question', async () => {
      expect(await store.start(sample())).toBe(true);
      expect(await store.start({ ...sample(), starter: { id: '8', name: 'Bo' } })).toBe(false);
      expect((await store.get(chatKey('telegram', '1')))?.starter.name).toBe('Ann');
      expect(await store.due(T0 + 1999)).toEqual([]);
      expect((await store.due(T0 + 2000)).map((r) => r.chatKey)).toEqual(['telegram:1']);
      expect(await store.claim(chatKey('telegram', '1'), 1, T0, T0 + 1)).toBe(false);
      expect(await store.claim(chatKey('telegram', '1'), 0, T0 + 2000, T0 + 12_000)).toBe(true);
      expect(await store.claim(chatKey('telegram', '1'), 0, T0 + 2000, T0 + 12_000)).toBe(false);
      const round = await store.get(chatKey('telegram', '1'));
      expect(round?.posted).toBe(1);
      expect(round?.questions.map((q) => q.sentAt)).toEqual([T0 + 2000, undefined]);
      expect(await store.due(T0 + 11_999)).toEqual([]);
      expect((await store.end(chatKey('telegram', '1')))?.posted).toBe(1);
      expect(await store.end(chatKey('telegram', '1'))).toBeUndefined();
    });

    it('moves a round to the chat’s new key', async () => {
      await store.start(sample('-1'));
      await store.moveChat(chatKey('telegram', '-1'), chatKey('telegram', '-1001'));
      expect(await store.get(chatKey('telegram', '-1'))).toBeUndefined();
      expect((await store.get(chatKey('telegram', '-1001')))?.chatId).toBe('-1001');
    });
  });
});

describe('a round whose question went missing', () => {
  it('skips a question whose entry left the knowledge base and goes on with the next', async () => {
    const first = await boot();
    await first.router.invokeText('/round 3 seconds=10', player('S'));
    const key = chatKey('discord', '500');
    const round = (await first.store.rounds.get(key)) as RoundRecord;
    await first.store.rounds.end(key);
    const gone = { ...round.questions[0], entryId: 'no-such-entry' } as RoundRecord['questions'][0];
    await first.store.rounds.start({ ...round, questions: [gone, ...round.questions.slice(1)] });
    await first.tick(2000);
    expect(first.outbox.sent).toHaveLength(0);
    await first.tick(12_000);
    expect(first.outbox.questions()[0]?.title).toMatch(/^Question 2\/3/);
  });
});
