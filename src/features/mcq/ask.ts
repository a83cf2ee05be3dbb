/**
 * Asking a multiple-choice question: which entry (one with items, not among the chat's last few
 * questions), which of its items, and the order its options are shown in, all drawn at send time.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { optionalWrite } from '../../store/optional-write.ts';
import { DIFFICULTIES, type Difficulty, type Entry } from '../knowledge/schema.ts';
import { type Asked, questionId } from './asked.ts';
import { randomOrder } from './order.ts';
import { questionReply } from './views.ts';

/** How many recent questions a chat does not see again (at most half the pool). */
const NO_REPEAT = 10;

/** Filters of a random question; `choice` keeps only entries that have multiple-choice items. */
export interface Pick {
  category?: string | undefined;
  difficulty?: string | undefined;
  choice?: boolean;
}

function asDifficulty(value: string | undefined): Difficulty | undefined {
  return DIFFICULTIES.find((d) => d === value);
}

/**
 * A random entry of the filters, not one of the chat's last few questions (remembered, best effort),
 * or undefined when none matches. Unknown categories and difficulties are ignored (stale buttons).
 */
export async function pickEntry(ctx: CommandContext, filters: Pick): Promise<Entry | undefined> {
  const { kb, store, random } = ctx.services;
  const pool = kb
    .filter({
      category: filters.category && kb.category(filters.category) ? filters.category : undefined,
      difficulty: asDifficulty(filters.difficulty),
    })
    .filter((e) => !filters.choice || (e.choices?.length ?? 0) > 0);
  if (pool.length === 0) return undefined;
  const key = chatKey(ctx.platform, ctx.chat.id);
  const keep = Math.min(NO_REPEAT, Math.floor(pool.length / 2));
  const recent = new Set((await store.quiz.recent(key)).slice(0, keep));
  const fresh = pool.filter((e) => !recent.has(e.id));
  const candidates = fresh.length > 0 ? fresh : pool;
  const entry = candidates[Math.floor(random() * candidates.length)] ?? pool[0];
  // The history only varies the next question: a failed write (full disk) does not stop this one.
  if (entry && keep > 0)
    await optionalWrite(ctx.services, 'quiz-history', () => store.quiz.remember(key, entry.id, keep));
  return entry;
}

/**
 * Asks one of an entry's items (a random one), its options in a random order, with a close button for
 * its asker (remembered as the question's closing, open until closed; see `close.ts`); null when it has
 * none.
 */
export async function askEntry(ctx: CommandContext, entry: Entry): Promise<Reply | null> {
  const items = entry.choices?.length ?? 0;
  if (items === 0) return null;
  const { random, now } = ctx.services;
  const asked: Asked = {
    entryId: entry.id,
    item: Math.min(items - 1, Math.floor(random() * items)),
    order: randomOrder(random),
    sentAt: now().getTime(),
    locale: ctx.locale,
  };
  // Best effort: without the record only an admin can close it.
  await optionalWrite(ctx.services, 'mcq-closing', () =>
    ctx.services.store.closings.open({
      ...asked,
      chatKey: chatKey(ctx.platform, ctx.chat.id),
      questionId: questionId(asked),
      kind: 'mcq',
      platform: ctx.platform,
      chatId: ctx.chat.id,
      title: null,
      owner: ctx.user.id,
      messageId: null,
      closeAt: null,
      shownAt: null,
    }),
  );
  return questionReply(ctx, entry, asked, 0, true);
}
