/**
 * Reminders across a restart, on a SQLite file: a reminder sent before the restart is not sent again, a
 * send the stopped process left unfinished (`sending`) becomes `unknown` and is never repeated, and a
 * transient failure is retried within the day.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../src/app/store.ts';
import type { Store } from '../../src/features/parts.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import { Clock, RecordingOutbox } from '../daily/helpers.ts';
import { reminder, reminderSend } from '../store/contract/reminders.ts';
import { dueCards, withReminders } from './helpers.ts';

const A = userKey('telegram', '11');
const B = userKey('telegram', '12');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlkb-remind-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One process's life: a scheduler with reminders on the file, ticked once at `iso`. */
async function life(
  iso: string,
  outbox: RecordingOutbox,
  before?: (store: Store) => Promise<void> | void,
): Promise<void> {
  const store = openAppStore(dir);
  await before?.(store);
  const clock = new Clock(iso);
  const { daily } = withReminders(store, clock);
  daily.attach(outbox);
  await daily.start();
  await daily.idle();
  await daily.tick();
  await daily.stop();
  await store.close();
}

describe('reminders across restarts', () => {
  it('never sends a day’s reminder twice, and never repeats an interrupted send', async () => {
    const outbox = new RecordingOutbox('telegram');
    await life('2025-06-01T01:00:00Z', outbox, async (store) => {
      await store.reminders.put(reminder({ userKey: A, userId: '11', reachable: true }));
      await store.reminders.put(reminder({ userKey: B, userId: '12', reachable: true }));
      await dueCards(store, A, 2, '2025-05-31T00:00:00Z');
      await dueCards(store, B, 2, '2025-05-31T00:00:00Z');
      // B's send was in flight when the previous process died.
      await store.reminders.insertSend(reminderSend({ userKey: B, date: '2025-06-01' }));
    });
    expect(outbox.sent.map((s) => s.chatId)).toEqual(['11']);
    const check = openAppStore(dir);
    expect((await check.reminders.getSend(B, '2025-06-01'))?.status).toBe('unknown');
    await check.close();

    await life('2025-06-01T02:00:00Z', outbox);
    expect(outbox.sent.map((s) => s.chatId)).toEqual(['11']);
    await life('2025-06-02T01:00:00Z', outbox);
    expect(outbox.sent.map((s) => s.chatId).sort()).toEqual(['11', '11', '12']);
  });

  it('retries a transient failure within the day, then records it sent', async () => {
    const outbox = new RecordingOutbox('telegram');
    outbox.fail = (_chat, attempt) =>
      attempt === 1 ? new DeliveryError('502 Bad Gateway', 'transient') : undefined;
    await life('2025-06-01T01:00:00Z', outbox, async (store) => {
      await store.reminders.put(reminder({ userKey: A, userId: '11', reachable: true }));
      await dueCards(store, A, 1, '2025-05-31T00:00:00Z');
    });
    expect(outbox.attempts).toBe(2);
    expect(outbox.sent.map((s) => s.chatId)).toEqual(['11']);
    const check = openAppStore(dir);
    expect(await check.reminders.getSend(A, '2025-06-01')).toMatchObject({ status: 'sent', attempts: 2 });
    await check.close();
  });

  it('a reminder turned on after today’s time waits for tomorrow', async () => {
    const outbox = new RecordingOutbox('telegram');
    const since = Date.parse('2025-06-01T03:00:00Z'); // 11:00 in Shanghai
    await life('2025-06-01T04:00:00Z', outbox, async (store) => {
      await store.reminders.put(reminder({ userKey: A, userId: '11', since }));
      await dueCards(store, A, 1, '2025-05-31T00:00:00Z');
    });
    expect(outbox.sent).toEqual([]);
    await life('2025-06-02T01:00:00Z', outbox);
    expect(outbox.sent.map((s) => s.chatId)).toEqual(['11']);
  });

  it('counts the cards of the learner an account is linked to (/link), and never merges reminders', async () => {
    const outbox = new RecordingOutbox('telegram');
    const learner = userKey('discord', '500');
    await life('2025-06-01T01:00:00Z', outbox, async (store) => {
      await store.reminders.put(reminder({ userKey: A, userId: '11', reachable: true }));
      // The Telegram account A joined the Discord learner: its reviews live under the learner's key.
      await store.migrateUser(A, learner);
      await dueCards(store, learner, 3, '2025-05-31T00:00:00Z');
    });
    expect(outbox.sent.map((s) => s.chatId)).toEqual(['11']);
    expect(JSON.stringify(outbox.sent[0]?.reply)).toMatch(/\b3\b/);
    const check = openAppStore(dir);
    expect((await check.reminders.get(A))?.on).toBe(true);
    expect(await check.reminders.get(learner)).toBeUndefined();
    await check.close();
  });
});
