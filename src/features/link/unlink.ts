/**
 * `/unlink`: the asker's account leaves its learner and starts with an empty history; the merged
 * history stays with the learner's other accounts. When the leaving account's key is the one the
 * records are kept under, they move first to another account of the learner (`store.migrateUser`).
 */

import { buttonId } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import type { Reply } from '../../kernel/reply.ts';
import { accountName, linkedAccounts } from './views.ts';

/** unlink:yes confirms (bound in `commands/unlink.ts`). */
export const unlinkYesId = buttonId('unlink', 'yes');

/** What `/unlink` asks first: who keeps the history, and a button to confirm. */
export async function unlinkAsk(ctx: CommandContext): Promise<Reply> {
  const { self, accounts } = await linkedAccounts(ctx);
  const others = accounts.filter((a) => a !== self);
  if (others.length === 0) return { body: ctx.t('link.notLinked'), private: true };
  return {
    title: ctx.t.plain('link.title'),
    body: ctx.t('link.unlinkAsk', {
      account: accountName(ctx, self),
      others: others.map((a) => accountName(ctx, a)).join(', '),
    }),
    buttons: [[{ label: ctx.t.plain('link.unlinkButton'), action: unlinkYesId.action(), style: 'danger' }]],
    private: true,
  };
}

/** Unlinks the asker's account (see the file's comment); nothing happens when it is not linked. */
export async function unlinkAccount(ctx: CommandContext): Promise<Reply> {
  const { store } = ctx.services;
  const { self, accounts } = await linkedAccounts(ctx);
  const [learner, ...rest] = accounts;
  const heir = learner === self ? rest[0] : learner;
  if (!learner || !heir) return { body: ctx.t('link.notLinked'), private: true, edit: true };
  await store.transaction(async () => {
    if (learner === self) await store.migrateUser(self, heir);
    await store.links.detach(self);
  });
  return { body: ctx.t('link.unlinked', { others: accountName(ctx, heir) }), private: true, edit: true };
}
