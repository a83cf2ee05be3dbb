/** Grading by key points on Discord: opened ephemerally from a public answer, toggled in place there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/discord.ts';
import { customIds, embedOf, type Harness, startHarness } from './harness.ts';
import { press } from './payloads.ts';

const EPHEMERAL = 64;

describe('discord grading by key points', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Presses a button on a message of the bot (ephemeral or not); resolves to the callback type and data. */
  const click = async (customId: string, { ephemeral }: { ephemeral: boolean }) => {
    const onMessage = h.fake.message('600000000000000001', { embeds: [{ title: 'before' }] });
    const message = ephemeral ? { ...onMessage, flags: EPHEMERAL } : onMessage;
    const callback = await h.fake.interact(press(h.fake.applicationId, customId, message, {}));
    const body = callback.body as { type: number; data?: Json };
    return { type: body.type, data: body.data ?? {} };
  };

  it('the private button under a public answer opens the toggles as a new ephemeral message', async () => {
    const { type, data } = await click('!review:pts:nms', { ephemeral: false });
    expect(type).toBe(4);
    expect(data.flags).toBe(EPHEMERAL);
    const ids = customIds(data).flat();
    expect(ids).toContain('review:tick:nms:1');
    expect(ids).toContain('review:ptsok:nms:0');
  });

  it('a toggle on that ephemeral message updates it in place', async () => {
    const { type, data } = await click('review:tick:nms:1', { ephemeral: true });
    expect(type).toBe(7);
    expect(String(embedOf(data).title)).toBe(h.router.services.kb.get('nms')?.question);
    const ids = customIds(data).flat();
    // Toggle 1 is ticked: pressing it again unticks (mask 0); Done carries the mask 1.
    expect(ids).toContain('review:tick:nms:0');
    expect(ids).toContain('review:ptsok:nms:1');
  });

  it('Done replaces the ephemeral message with the rating', async () => {
    const { type, data } = await click('review:ptsok:nms:1', { ephemeral: true });
    expect(type).toBe(7);
    expect(JSON.stringify(data)).toContain('按要点自评');
    expect(customIds(data).flat()).toEqual(['review:next']);
  });

  it('a private edit never replaces a public message: it answers ephemerally instead', async () => {
    const { type, data } = await click('review:tick:nms:1', { ephemeral: false });
    expect(type).toBe(4);
    expect(data.flags).toBe(EPHEMERAL);
  });
});
