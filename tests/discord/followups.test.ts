/**
 * Follow-up chains (追问) on Discord through the real discord.js client: 追问 under an answer is answered
 * ephemerally, and its way back to the entry is a private button, so a chain never posts into the channel.
 */
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackData, customIds, type Harness, startHarness } from './harness.ts';
import { CHANNEL_ID, press } from './payloads.ts';

describe('follow-ups on Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const click = async (customId: string) =>
    callbackData(
      await h.fake.interact(press(h.fake.applicationId, customId, h.fake.message(CHANNEL_ID, {}))),
    );

  it('asks and reveals a follow-up ephemerally, with a private way back', async () => {
    const entry = h.router.services.kb.entries[0];
    const first = entry?.followups?.[0];
    if (!entry || !first) throw new Error('no follow-ups');
    const answer = await click(`show:ans:${entry.id}`);
    const ask = customIds(answer)
      .flat()
      .find((id) => id.startsWith('show:fq:'));
    expect(ask).toBe(`show:fq:${entry.id}.${first.id}`);
    const asked = await click(ask ?? '');
    expect(Number(asked.flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(customIds(asked).flat()).toEqual([`show:fa:${entry.id}.${first.id}`, `!show:ans:${entry.id}`]);
    const revealed = await click(`show:fa:${entry.id}.${first.id}`);
    expect(Number(revealed.flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(customIds(revealed).flat()).toContain(`!show:ans:${entry.id}`);
  });
});
