/**
 * Closing multiple-choice questions through the router and the round runner, over real stores: /mcq is
 * closed by its asker or an admin (the distribution privately, and the message redrawn closed, a final
 * redraw); presses after any close are told the answer and recorded nowhere; a round's questions are
 * edited closed exactly once through the outbox, across a restart (SQLite), with a failed edit tried again
 * and a message gone given up; a platform without edits (Telegram's polls close themselves) is left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../src/app/router.ts';
import { createRouter } from '../../src/app/services.ts';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import { distributionLine } from '../../src/features/mcq/closed.ts';
import type { RoundRunner } from '../../src/features/round/runner.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import { player, question, RecordingOutbox, T0 } from '../round/helpers.ts';

/** A recording outbox that edits too; `failEdits` makes the next edits throw. */
class EditingOutbox extends RecordingOutbox {
  readonly edits: { chatId: string; messageId: string; reply: Reply }[] = [];
  failEdits: DeliveryError[] = [];
  async edit(chatId: string, messageId: string, reply: Reply): Promise<void> {
    const failure = this.failEdits.shift();
    if (failure) throw failure;
    this.edits.push({ chatId, messageId, reply });
  }
}

const actions = (reply: Reply | null | undefined) =>
  allButtons(reply ?? {})
    .filter(isActionButton)
    .map((b) => b.action);

let now = T0;
let dir: string;
const open: AppSqliteStore[] = [];
beforeEach(() => {
  now = T0;
  dir = mkdtempSync(join(tmpdir(), 'dlkb-close-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A process over the data folder (SQLite) whose runner posts to `outbox`. */
async function boot(outbox: RecordingOutbox = new EditingOutbox()) {
  const store = openAppStore(dir);
  open.push(store);
  const router: Router = await createRouter({ store, now: () => new Date(now) });
  const runner = router.services.rounds as RoundRunner;
  runner.attach(outbox);
  const tick = async (ms: number) => {
    now = T0 + ms;
    await runner.tick();
  };
  return { store, router, outbox, tick };
}

describe('distributionLine', () => {
  it('shows each letter’s count and marks the right one', () => {
    expect(distributionLine([3, 12, 1, 0], 1)).toBe('A 3 · B 12 ✅ · C 1 · D 0');
    expect(distributionLine([], 3)).toBe('A 0 · B 0 · C 0 · D 0 ✅');
  });
});

describe('closing /mcq', () => {
  it('is closed by its asker: the distribution privately and a final redraw without answer buttons', async () => {
    const { router } = await boot();
    const reply = await router.invokeText('/mcq', player('S'));
    const q = question(router, reply ?? undefined);
    const close = actions(reply).find((a) => a.startsWith('mcq:x:')) ?? '';
    expect(Buffer.byteLength(close)).toBeLessThanOrEqual(64);
    await router.press(q.right, player('A'));
    await router.press(q.wrong, player('B'));
    await router.press(q.right, player('C'));

    const refused = await router.press(close, player('B'));
    expect(refused.body).toBe('Only whoever asked this question or an admin can close it.');

    now = T0 + 60_000;
    const closed = await router.press(close, player('S'));
    expect(closed.private).toBe(true);
    expect(closed.body).toMatch(/^Closed\. A \d( ✅)? · B \d( ✅)? · C \d( ✅)? · D \d( ✅)?$/);
    const refresh = closed.refresh;
    expect(refresh?.final).toBe(true);
    expect(refresh?.footer).toBe('Closed · 3 answered');
    expect(actions(refresh)).toEqual([expect.stringMatching(/^show:ans:/)]);
    expect(refresh?.body).toMatch(/Answers: /);
    expect((refresh?.body ?? '').match(/✅/g)).toHaveLength(2);

    // After the close: told the answer, in the presser's language, and nothing recorded.
    const late = await router.press(q.wrong, { ...player('D'), locale: 'zh-CN' });
    expect(late.private).toBe(true);
    expect(late.body).toMatch(/^这道题已结束作答，正确答案是 \*\*[A-D]\.\*\*/);
    expect(late.body).not.toMatch(/✅|❌/);
    expect(actions(late)).toContain(`show:ans:${q.asked.entryId}`);
    const again = await router.press(q.right, player('A'));
    expect(again.body).toMatch(/^This question is closed; the answer was/);
    expect(await router.services.scores.answersIn(chatKey('discord', '500'))).toHaveLength(3);
  });

  it('an admin may close it; a forged close button is refused and closes nothing', async () => {
    const { router } = await boot();
    const reply = await router.invokeText('/mcq', player('S'));
    const q = question(router, reply ?? undefined);
    const close = actions(reply).find((a) => a.startsWith('mcq:x:')) ?? '';
    const forged = await router.press(close.replace(/:[ez]$/, ':q'), player('S'));
    expect(forged.body).toMatch(/not valid or has expired/);
    expect((await router.press(q.right, player('A'))).body).toMatch(/^✅/);
    const byAdmin = await router.press(close, player('M', { admin: true }));
    expect(byAdmin.body).toMatch(/^Closed\./);
    expect((await router.press(q.right, player('B'))).body).toMatch(/^This question is closed/);
  });
});

describe('closing round questions', () => {
  it('edits each question closed once its time is up, exactly once across a restart', async () => {
    const first = await boot();
    const outbox = first.outbox as EditingOutbox;
    await first.router.invokeText('/round 3 seconds=10', player('S'));
    await first.tick(2_000);
    const q1 = question(first.router, outbox.questions()[0]);
    await first.router.press(q1.right, player('A'));
    await first.router.press(q1.wrong, player('B'));
    // A press at the close is refused, with the answer.
    await first.tick(11_999);
    expect(outbox.edits).toHaveLength(0);
    now = T0 + 12_000;
    const late = await first.router.press(q1.right, player('C'));
    expect(late.body).toMatch(/^This question is closed; the answer was/);
    expect(late.refresh?.final).toBe(true);
    // The stop (the bot goes down) comes before the runner's tick that would redraw it.
    await first.store.close();
    open.splice(0);

    const second = await boot();
    const edits = (second.outbox as EditingOutbox).edits;
    await second.tick(12_500);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.messageId).toBe('1');
    expect(edits[0]?.reply.title).toMatch(/^Question 1\/3 · 10 s · /);
    expect(edits[0]?.reply.footer).toBe('Closed · 2 answered');
    expect(actions(edits[0]?.reply).some((a) => a.startsWith('mcq:a:'))).toBe(false);
    await second.tick(13_000);
    expect(edits).toHaveLength(1);
    expect(await second.router.services.scores.answersIn(chatKey('discord', '500'))).toHaveLength(2);
  });

  it('tries a failed edit again on the next tick, and gives up on a message gone', async () => {
    const { router, outbox, tick } = await boot();
    const editing = outbox as EditingOutbox;
    await router.invokeText('/round 3 seconds=10', player('S'));
    await tick(2_000);
    editing.failEdits = [new DeliveryError('503', 'transient')];
    await tick(12_000);
    expect(editing.edits).toHaveLength(0);
    await tick(13_000);
    expect(editing.edits.map((e) => e.messageId)).toEqual(['1']);
    editing.failEdits = [new DeliveryError('unknown message', 'gone')];
    await tick(22_000);
    await tick(23_000);
    await tick(24_000);
    expect(editing.edits.map((e) => e.messageId)).toEqual(['1']);
  });

  it('closes the open question when the round is stopped', async () => {
    const { router, outbox, tick } = await boot();
    const editing = outbox as EditingOutbox;
    await router.invokeText('/round 3 seconds=30', player('S'));
    await tick(2_000);
    now = T0 + 5_000;
    await router.invokeText('/round stop', player('S'));
    const q1 = question(router, editing.questions()[0]);
    expect((await router.press(q1.right, player('A'))).body).toMatch(/^This question is closed/);
    await tick(6_000);
    expect(editing.edits).toHaveLength(1);
    expect(editing.edits[0]?.reply.footer).toBe('Closed · 0 answered');
  });

  it('leaves a platform without edits alone (its polls close themselves), refusing late answers', async () => {
    const { router, outbox, tick } = await boot(new RecordingOutbox('telegram'));
    const inGroup = (id: string) => ({ ...player(id), platform: 'telegram' as const });
    await router.invokeText('/round 2 seconds=10', inGroup('S'));
    await tick(2_000);
    const q1 = question(router, outbox.questions()[0]);
    await tick(12_000);
    await tick(13_000);
    expect(outbox.questions()).toHaveLength(2);
    now = T0 + 13_000;
    expect((await router.press(q1.right, inGroup('A'))).body).toMatch(/^This question is closed/);
    expect(await router.services.scores.answersIn(chatKey('telegram', '500'))).toHaveLength(0);
  });
});
