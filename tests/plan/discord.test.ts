/** /plan on Discord, through the real discord.js client against the fake server: private, with its options. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/features/daily/time.ts';
import { callbackData, embedOf, type Harness, startHarness } from '../discord/harness.ts';
import { slash } from '../discord/payloads.ts';

const DAY = 86_400_000;

describe('/plan on Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const run = async (values: Record<string, string>) =>
    callbackData(await h.fake.interact(slash(h.fake.applicationId, 'plan', values)));

  it('sets a plan from the date and focus options and answers ephemerally with the status line', async () => {
    const date = localDate(Date.now() + 10 * DAY, 'Asia/Shanghai');
    const data = await run({ date, more: 'ml' });
    expect(data.flags).toBe(64);
    expect(embedOf(data).description).toMatch(/还有 10 天 · 今天 0 道到期 \+ 1 道新题 · 已覆盖 0\/9/);
  });

  it('refuses a malformed date ephemerally, and /plan cap changes the limit', async () => {
    const bad = await run({ date: '2026-02-30' });
    expect(bad.flags).toBe(64);
    expect(embedOf(bad).description).toMatch(/日期格式不对/);
    const cap = await run({ date: 'cap', more: '12' });
    expect(embedOf(cap).description).toMatch(/每天最多 12 题/);
  });
});
