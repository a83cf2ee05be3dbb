/**
 * The self-ratings of a daily flashcard in its chat (issue #11 §5): a rating (忘了 / 模糊 / 记得 / 简单)
 * pressed in the chat of a daily post, of the entry that post asked, between the post and its reveal, is
 * kept as the person's first word on that day's card (good: 记得 or 简单; not good: 忘了 or 模糊), so the
 * reveal's community result can count it with the multiple-choice answers (`choice.ts`). One
 * interface, two implementations (`ratings-memory.ts`, `ratings-sql.ts`), the `dailyRatings` part.
 */
import type { Services } from '../../kernel/context.ts';
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';
import type { Reviewed } from '../review/review.ts';

/** One person's rating of a chat's daily card of one slot. */
export interface DailyRating {
  chatKey: ChatKey;
  /** The post's slot (its local date, or `now-<ms>`). */
  slot: string;
  userKey: UserKey;
  /** 记得 / 简单 (Good, Easy): true; 忘了 / 模糊 (Again, Hard): false. */
  good: boolean;
  /** Epoch ms it was rated. */
  at: number;
}

/** Ratings older than this are forgotten when a new one is kept. */
export const RATING_KEPT_MS = 30 * 24 * 3_600_000;

/** The lowest FSRS grade that counts as right (Good). */
const GOOD = 3;

/** The dailyRatings part's store. */
export interface DailyRatingStore extends ChatRows {
  /** Keeps a person's first rating of a chat's slot (a later one changes nothing): true when kept. */
  rate(rating: DailyRating): Promise<boolean>;
  /** The ratings of a chat's slot, in no order. */
  ratings(chatKey: ChatKey, slot: string): Promise<DailyRating[]>;
}

/** Reveals still to be sent: a rating before one counts for its post. */
const UNREVEALED = new Set(['due', 'retry', 'sending']);

/**
 * What the app adds to `onReviewed`: keeps a rating when it was pressed in a subscribed chat, of the entry
 * of its latest post, before that post's reveal was sent.
 */
export function recordDailyRating(services: Pick<Services, 'store'>): (event: Reviewed) => Promise<void> {
  return async (e) => {
    if (!e.entryId || e.grade === undefined) return;
    const { daily, dailyRatings } = services.store;
    if (!(await daily.getSubscription(e.chatKey))) return;
    const post = (await daily.recentDeliveries(e.chatKey, 4)).find(
      (d) => d.kind === 'post' && d.status === 'sent' && d.dueAt <= e.at,
    );
    if (post?.entryId !== e.entryId) return;
    const reveal = await daily.getDelivery({ chatKey: e.chatKey, slot: post.slot, kind: 'reveal' });
    if (!reveal || !UNREVEALED.has(reveal.status)) return;
    await dailyRatings.rate({
      chatKey: e.chatKey,
      slot: post.slot,
      userKey: e.user,
      good: e.grade >= GOOD,
      at: e.at,
    });
  };
}
