import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { openAppStore } from '../../src/app/store.ts';
import { MemoryReviews } from '../../src/features/review/memory.ts';
import { rate } from '../../src/features/review/review.ts';
import { allButtons, isActionButton } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';
import { DATABASE_FILE } from '../../src/store/sqlite.ts';
import { migrate } from '../store/legacy-schema.ts';

const DAY = 86_400_000;
const start = Date.parse('2026-03-02T08:00:00Z');

function person(id: string): Origin {
  return {
    platform: 'telegram',
    chat: { id: '-100', kind: 'group' },
    user: { id, admin: false },
    locale: 'zh-CN',
  };
}

describe('spaced-repetition review', () => {
  let router: Router;
  let clock = start;
  beforeEach(async () => {
    clock = start;
    router = await createRouter({ now: () => new Date(clock) });
  });

  it('offers the four ratings, grading by key points and the Report button under every answer', async () => {
    const answer = await router.press('show:ans:nms', person('1'));
    const actions = allButtons(answer)
      .filter(isActionButton)
      .map((b) => b.action)
      .filter((a) => a.startsWith('review:') || a.startsWith('report:'));
    expect(actions).toEqual([
      'review:rate:nms:1',
      'review:rate:nms:2',
      'review:rate:nms:3',
      'review:rate:nms:4',
      'review:pts:nms',
      'report:new:nms',
    ]);
  });

  it('explains how it works before anything was rated', async () => {
    const reply = await router.invokeText('/review', person('1'));
    expect(reply?.private).toBe(true);
    expect(reply?.body).toMatch(/还没有复习记录/);
  });

  it('schedules by the rating: "again" comes back within minutes, "easy" after days', async () => {
    const again = await router.press('review:rate:nms:1', person('1'));
    expect(again.body).toMatch(/已记录：忘了。这题 \d+ 分钟后再复习/);
    const easy = await router.press('review:rate:gil:4', person('1'));
    expect(easy.body).toMatch(/已记录：简单。这题 \d+ 天后再复习/);
    const { reviews } = router.services.store;
    const nms = await reviews.get('telegram:1', 'nms');
    const gil = await reviews.get('telegram:1', 'gil');
    expect((gil?.due ?? 0) - start).toBeGreaterThan(DAY);
    expect((nms?.due ?? 0) - start).toBeLessThan(DAY);
  });

  it('shows what is due, privately, with a reveal; rating it again reschedules it', async () => {
    await router.press('review:rate:nms:3', person('1'));
    clock = start + 60 * DAY;
    const queue = await router.invokeText('/review', person('1'));
    expect(queue?.private).toBe(true);
    expect(queue?.title).toContain(router.services.kb.get('nms')?.question);
    expect(queue?.footer).toMatch(/今天还有 1 题待复习 · 共学过 1 题/);
    const reveal = allButtons(queue ?? {}).filter(isActionButton)[0];
    expect(reveal?.action).toBe('review:ans:nms');
    const answer = await router.press(reveal?.action ?? '', person('1'));
    expect(answer.private).toBe(true);
    await router.press('review:rate:nms:3', person('1'));
    const after = await router.invokeText('/review', person('1'));
    expect(after?.body).toMatch(/今天的复习都完成了！共学过 1 题/);
    expect((await router.services.store.reviews.get('telegram:1', 'nms'))?.reps).toBe(2);
  });

  it('keeps each person’s queue apart, whoever presses in a group', async () => {
    await router.press('review:rate:nms:3', person('1'));
    clock = start + 60 * DAY;
    expect((await router.invokeText('/review', person('2')))?.body).toMatch(/还没有复习记录/);
    expect((await router.invokeText('/review', person('1')))?.title).toBeDefined();
  });

  it('refuses forged ratings and unknown entries without recording anything', async () => {
    for (const forged of [
      'review:rate:nms:5',
      'review:rate:nms:0',
      'review:rate:nms',
      'review:rate:nope:3',
    ]) {
      const reply = await router.press(forged, person('1'));
      expect(reply.private).toBe(true);
    }
    expect((await router.services.store.reviews.stats('telegram:1', start)).total).toBe(0);
  });
});

describe('review records in SQLite', () => {
  it('survive a restart, and stats agree with the memory store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-review-'));
    const store = openAppStore(dir);
    const memory = new MemoryReviews();
    for (const [id, grade] of [
      ['nms', 1],
      ['gil', 3],
      ['vit', 4],
    ] as const) {
      await rate(store.reviews, 'discord:7', id, grade, new Date(start));
      await rate(memory, 'discord:7', id, grade, new Date(start));
    }
    await store.close();
    const reopened = openAppStore(dir);
    for (const at of [start, start + DAY, start + 30 * DAY]) {
      expect(await reopened.reviews.stats('discord:7', at)).toEqual(await memory.stats('discord:7', at));
      expect(await reopened.reviews.due('discord:7', at, 10)).toEqual(await memory.due('discord:7', at, 10));
    }
    await reopened.close();
  });

  it('an older database (version 2) gains the reviews table with its rows intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-review-'));
    const db = new Database(join(dir, DATABASE_FILE));
    migrate(db, 2);
    db.prepare('INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?)').run(
      'terminal:local',
      '["nms"]',
    );
    db.close();
    const store = openAppStore(dir);
    expect(await store.quiz.recent('terminal:local')).toEqual(['nms']);
    await rate(store.reviews, 'terminal:me', 'nms', 3, new Date(start));
    expect((await store.reviews.stats('terminal:me', start)).total).toBe(1);
    await store.close();
  });
});
