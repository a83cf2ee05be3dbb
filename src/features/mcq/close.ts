/**
 * Closing a /mcq question by hand: its asker (the closing's owner) or an admin of the chat presses
 * **Close** (`mcq:x:…`, checked here on the platform's word). The question is recorded closed, answers
 * after it are refused (`answer.ts`), and the message is redrawn with the distribution and the right
 * option (a `final` refresh); the closer gets the same distribution privately. Closing again only shows it.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { requireEntry } from '../knowledge/views.ts';
import { fullAnswer } from './answer.ts';
import { correctIndex, itemOf, parseAnswer, questionId } from './asked.ts';
import { closedReply, distributionLine, shownCounts } from './closed.ts';
import { orderAt } from './order.ts';

/**
 * Answers a press of `mcq:x:…`.
 * @throws UserError for a malformed or stale button, or a presser who may not close it.
 */
export async function closePress(ctx: CommandContext, args: readonly string[]): Promise<Reply> {
  const parsed = parseAnswer([...args.slice(0, 5), '0']);
  if (!parsed) throw new UserError('mcq.stale');
  const { asked } = parsed;
  const entry = requireEntry(ctx, asked.entryId);
  const choice = itemOf(entry, asked);
  if (!choice) throw new UserError('mcq.stale');
  const { closings } = ctx.services.store;
  const chat = chatKey(ctx.platform, ctx.chat.id);
  const id = questionId(asked);
  const closing = await closings.get(chat, id);
  if (!ctx.user.admin && (closing?.owner ?? null) !== ctx.user.id) throw new UserError('mcq.closeRefused');
  const now = ctx.services.now().getTime();
  if (closing) await closings.close(chat, id, now);
  else
    await closings.open({
      ...asked,
      chatKey: chat,
      questionId: id,
      kind: 'mcq',
      platform: ctx.platform,
      chatId: ctx.chat.id,
      title: null,
      owner: null,
      messageId: null,
      closeAt: now,
      shownAt: null,
    });
  const correctShown = (orderAt(asked.order) ?? []).indexOf(correctIndex(choice));
  return {
    body: ctx.t('mcq.closedNow', { line: distributionLine(await shownCounts(ctx, asked), correctShown) }),
    buttons: fullAnswer(ctx, entry.id),
    private: true,
    refresh: await closedReply(ctx, entry, asked),
  };
}
