/**
 * The pacing of redraws: at most one edit of a message per interval, the latest waiting edit wins, and
 * the interval counts from when the previous edit was answered, so a slow edit (a loaded bot, a busy
 * REST queue) is not followed by another one close behind it.
 */
import { describe, expect, it } from 'vitest';
import { EditPacer } from '../../src/adapters/discord/refresh.ts';
import { silentLogger } from '../../src/kernel/log.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EditPacer', () => {
  it('starts the interval once the edit under way is answered, and sends only the latest waiting edit', async () => {
    const pacer = new EditPacer({ intervalMs: 100, log: silentLogger() });
    const started: [string, number][] = [];
    const t0 = performance.now();
    const edit = (name: string, takesMs: number) => async () => {
      started.push([name, performance.now() - t0]);
      await sleep(takesMs);
    };
    pacer.schedule('m1', edit('first', 300));
    await sleep(20);
    pacer.schedule('m1', edit('second', 0));
    pacer.schedule('m1', edit('third', 0));
    await sleep(250);
    // The first edit is still under way: nothing else was sent.
    expect(started.map(([name]) => name)).toEqual(['first']);
    await sleep(250);
    expect(started.map(([name]) => name)).toEqual(['first', 'third']);
    // 300 ms for the first edit's answer, then the 100 ms interval.
    expect(started[1]?.[1]).toBeGreaterThanOrEqual(390);
    await pacer.flush();
  });

  it('sends a waiting edit at once when flushed', async () => {
    const pacer = new EditPacer({ intervalMs: 10_000, log: silentLogger() });
    const sent: string[] = [];
    pacer.schedule('m1', async () => void sent.push('first'));
    pacer.schedule('m1', async () => void sent.push('latest'));
    await pacer.flush();
    expect(sent).toEqual(['first', 'latest']);
    expect(pacer.pacing).toBe(0);
  });

  it('paces a final edit like the others, resolves when it is answered, then drops later redraws', async () => {
    const pacer = new EditPacer({ intervalMs: 100, log: silentLogger() });
    const sent: string[] = [];
    pacer.schedule('m1', async () => void sent.push('count 1'));
    pacer.schedule('m1', async () => void sent.push('count 2'));
    const closed = pacer.final('m1', async () => void sent.push('closed'));
    // A count computed before the close, arriving after it.
    pacer.schedule('m1', async () => void sent.push('count 3'));
    await closed;
    expect(sent).toEqual(['count 1', 'closed']);
    pacer.schedule('m1', async () => void sent.push('count 4'));
    await sleep(250);
    await pacer.flush();
    expect(sent).toEqual(['count 1', 'closed']);
    // Another message is paced as before.
    pacer.schedule('m2', async () => void sent.push('other'));
    await pacer.flush();
    expect(sent).toEqual(['count 1', 'closed', 'other']);
  });

  it('rejects a final edit that failed, so its caller can try again', async () => {
    const pacer = new EditPacer({ intervalMs: 10, log: silentLogger() });
    await expect(
      pacer.final('m1', async () => {
        throw new Error('503');
      }),
    ).rejects.toThrow('503');
    await sleep(30);
    const sent: string[] = [];
    await pacer.final('m1', async () => void sent.push('closed'));
    expect(sent).toEqual(['closed']);
    await pacer.flush();
  });
});
