/** What `/link status` shows: the accounts of the asker's learner, the asker's own marked. */
import type { CommandContext } from '../../kernel/context.ts';
import { parseUserKey, type UserKey, userKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { learnerOf } from './learner.ts';

/** An account as a person reads it: `Telegram 12345`, `Terminal alice`. */
export function accountName(ctx: CommandContext, account: UserKey): string {
  const parsed = parseUserKey(account);
  if (!parsed) return account;
  return ctx.t.plain('link.account', {
    platform: ctx.t.plain(`link.platform.${parsed.platform}`),
    id: parsed.userId,
  });
}

/** The accounts linked with the asker's (theirs included), the learner's own key first. */
export async function linkedAccounts(ctx: CommandContext): Promise<{ self: UserKey; accounts: UserKey[] }> {
  const self = userKey(ctx.platform, ctx.user.id);
  return { self, accounts: await ctx.services.store.links.accountsOf(await learnerOf(ctx.services, self)) };
}

/** The reply of `/link status`, under `lead` (a line said first: "Linked.") when given. */
export async function linkStatus(ctx: CommandContext, lead?: string): Promise<Reply> {
  const { self, accounts } = await linkedAccounts(ctx);
  const lines = accounts.map((a) =>
    ctx.t(a === self ? 'link.thisAccount' : 'link.otherAccount', { account: accountName(ctx, a) }),
  );
  const body = accounts.length > 1 ? `${ctx.t('link.accounts')}\n${lines.join('\n')}` : ctx.t('link.alone');
  return { title: ctx.t.plain('link.title'), body: lead ? `${lead}\n\n${body}` : body, private: true };
}
