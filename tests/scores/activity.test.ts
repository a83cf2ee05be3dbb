/** Active days for streaks: review ratings through the router's hook, answers in their chat's time zone. */
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import type { Subscription } from '../../src/features/daily/store.ts';
import { activeDays } from '../../src/features/scores/activity.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { answer } from '../store/contract/answers.ts';

const ME = userKey('telegram', '1');

function inGroup(chat: string): Origin {
  return {
    platform: 'telegram',
    chat: { id: chat, kind: 'group' },
    user: { id: '1', admin: false },
    locale: 'en',
  };
}

function subscription(chat: string, timezone: string): Subscription {
  return {
    chatKey: chatKey('telegram', chat),
    platform: 'telegram',
    chatId: chat,
    time: '09:00',
    timezone,
    category: null,
    revealAfterHours: 0,
    locale: 'en',
    activeFrom: 0,
    goneDays: 0,
    lastGoneDate: null,
    disabledAt: null,
  };
}

describe('active days', () => {
  it('a review rating marks its local day: the chat’s zone when subscribed, else the default', async () => {
    let clock = Date.parse('2026-03-02T17:00:00Z'); // 01:00 on the 3rd in Shanghai, 18:00 on the 2nd in Berlin
    const router = await createRouter({ now: () => new Date(clock) });
    await router.services.store.daily.putSubscription(subscription('-200', 'Europe/Berlin'));
    await router.press('review:rate:nms:3', inGroup('-100'));
    expect(await router.services.scores.activeDays(ME)).toEqual(['2026-03-03']);
    clock += 86_400_000;
    await router.press('review:rate:gil:3', inGroup('-200'));
    expect(await router.services.scores.activeDays(ME)).toEqual(['2026-03-03']);
    clock += 86_400_000;
    await router.press('review:rate:gil:3', inGroup('-200'));
    expect(await router.services.scores.activeDays(ME)).toEqual(['2026-03-03', '2026-03-04']);
  });

  it('answers count on their day in the zone of the chat they were given in', async () => {
    const router = await createRouter();
    const { services } = router;
    await services.store.daily.putSubscription(subscription('-200', 'Europe/Berlin'));
    const lateEvening = Date.parse('2026-03-02T23:30:00Z'); // 00:30 on the 3rd in Berlin, 07:30 in Shanghai
    await services.scores.record(answer({ chatKey: chatKey('telegram', '-200'), answeredAt: lateEvening }));
    await services.scores.record(
      answer({ chatKey: chatKey('telegram', '-100'), answeredAt: Date.parse('2026-03-01T15:59:00Z') }),
    );
    await services.scores.markActive(ME, '2026-03-03', 'review');
    expect(await activeDays(services, ME)).toEqual(['2026-03-01', '2026-03-03']);
  });
});
