/**
 * The Discord payload builder of channel posts: the opt-in role is the only mention dlkb ever allows, and
 * only a real role id chosen for the post; every rendered reply allows none. Thread names fit Discord.
 */
import { describe, expect, it } from 'vitest';
import { archiveDuration, postBody } from '../../src/adapters/discord/post-body.ts';
import { renderReply } from '../../src/adapters/discord/render.ts';
import { threadName } from '../../src/features/daily/thread.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Reply } from '../../src/kernel/reply.ts';

const render = (reply: Reply) => renderReply(reply, { t: translator('en'), colour: () => 0 });
const hostile: Reply = {
  title: '@everyone @here <@&1> <@2>',
  body: '@everyone look <@&123456789012345678> and <@!42> @here',
  footer: '@everyone',
};

describe('postBody', () => {
  it('mentions exactly the chosen role and allows only it', () => {
    const body = postBody(render(hostile), { mentionRole: '123456789012345678' });
    expect(body.content).toBe('<@&123456789012345678>');
    expect(body.allowed_mentions).toEqual({ parse: [], roles: ['123456789012345678'] });
  });

  it('allows no mention at all without a role, whatever the text says', () => {
    const body = postBody(render(hostile), { replyTo: '99' });
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBeUndefined();
    expect(body.message_reference).toEqual({ message_id: '99', fail_if_not_exists: false });
  });

  it('ignores a role that is not a snowflake (never @everyone or @here)', () => {
    for (const role of ['everyone', '@everyone', '@here', '<@&1> @everyone', '1 2', '']) {
      const body = postBody(render(hostile), { mentionRole: role });
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.content).toBeUndefined();
    }
  });

  it('every rendered reply allows nothing', () => {
    for (const reply of [hostile, { body: 'x' }, { title: 't', private: true }] as Reply[])
      expect(render(reply).allowedMentions).toEqual({ parse: [] });
  });
});

describe('threads', () => {
  it('names a thread after the question within 100 characters, cut cleanly', () => {
    expect(threadName('What is dropout?')).toBe('What is dropout?');
    expect(threadName('  line one\nline two  ')).toBe('line one line two');
    const long = threadName(`${'word '.repeat(40)}end`);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/word…$/);
    const cjk = threadName('为什么'.repeat(50));
    expect(cjk.length).toBe(100);
    expect(cjk.endsWith('…')).toBe(true);
    const emoji = threadName(`${'a'.repeat(98)}😀😀`);
    expect(emoji.length).toBeLessThanOrEqual(100);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]…$/);
  });

  it('archives after a duration Discord accepts', () => {
    expect([60, 1440, 4320, 10080].map(archiveDuration)).toEqual([60, 1440, 4320, 10080]);
    expect(archiveDuration(100)).toBe(60);
    expect(archiveDuration(Number.NaN)).toBe(1440);
  });
});
