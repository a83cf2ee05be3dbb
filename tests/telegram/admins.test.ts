/**
 * Admin checks in groups through the real grammY bot: Telegram is asked once per person and chat within
 * a minute, and asked again at once when a `chat_member` update says their status changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, FIXTURES, GROUP, type Harness, memberUpdate, startHarness, textMessage } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ commandsDir: `${FIXTURES}commands/` });
});
afterAll(async () => {
  await h.stop();
});

const memberChecks = () => h.fake.callsOf('getChatMember').filter((c) => c.payload.user_id === ADA.id).length;

describe('group admin checks', () => {
  it('asks Telegram once for repeated admin commands of one person, and again after a chat_member update', async () => {
    h.fake.setMember(GROUP.id, ADA.id, 'administrator');
    const before = memberChecks();
    for (let i = 0; i < 3; i++) {
      const reply = await h.ask(textMessage('/purge', GROUP, ADA));
      expect(reply.payload.text).toBe('purged');
    }
    expect(memberChecks() - before).toBe(1);

    // Demoted: the update drops the cached status, so the next command is refused at once.
    h.fake.setMember(GROUP.id, ADA.id, 'member');
    h.fake.pushUpdate(memberUpdate(GROUP, ADA, 'member'));
    const refused = await h.ask(textMessage('/purge', GROUP, ADA));
    expect(String(refused.payload.text)).toMatch(/管理员/);
    expect(memberChecks() - before).toBe(2);
  });
});
