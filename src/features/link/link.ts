/**
 * Linking accounts into one learner. `/link` gives an account a one-time code (private, 10 minutes);
 * `/link CODE` sent from another account joins the two learners in one transaction: the code's learner
 * takes in the other's reviews, answers, active days, key points and plan (`store.migrateUser`; each
 * part merges by its rule: the later review of a card wins, counts add up). Tries are rate-limited per
 * account, and a learner has at most one account per platform.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { type Platform, parseUserKey, type UserKey, userKey } from '../../kernel/identity.ts';
import { inlineCode } from '../../kernel/markdown.ts';
import type { RateLimiterOptions } from '../../kernel/rate-limit.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Services } from '../../kernel/services.ts';
import { CODE_TTL_MS, newCode, readCode, showCode } from './code.ts';
import { linkStatus } from './views.ts';

/**
 * Tries of `/link CODE` per account: 5 at once, then one every 2 minutes. With 2^50 codes and at most
 * one live code per account, a guesser needs about 10^13 years per account to hit one.
 */
export const LINK_ATTEMPTS: RateLimiterOptions = { capacity: 5, refillPerSecond: 1 / 120 };

/** `/link`: a new one-time code for the asker's account (their earlier unused one stops working). */
export async function issueCode(ctx: CommandContext): Promise<Reply> {
  const now = ctx.services.now().getTime();
  const code = newCode();
  const user = userKey(ctx.platform, ctx.user.id);
  await ctx.services.store.links.putCode({ code, user, expiresAt: now + CODE_TTL_MS, usedAt: null }, now);
  return {
    title: ctx.t.plain('link.title'),
    body: ctx.t('link.code', {
      code: inlineCode(showCode(code)),
      command: inlineCode(`/link ${showCode(code)}`),
      minutes: CODE_TTL_MS / 60_000,
    }),
    private: true,
  };
}

/** The platforms of a learner's accounts. */
async function platformsOf(services: Pick<Services, 'store'>, learner: UserKey): Promise<Set<Platform>> {
  const platforms = (await services.store.links.accountsOf(learner)).map((a) => parseUserKey(a)?.platform);
  return new Set(platforms.filter((p) => p !== undefined));
}

/**
 * Checks a code and links: the asker's learner merges into the code's. Returns the learner key.
 * @throws UserError for a wrong, used or expired code, the asker's own code, accounts already linked,
 *   or two accounts of one platform.
 */
async function link(ctx: CommandContext, asker: UserKey, code: string): Promise<UserKey> {
  const { services } = ctx;
  const { store } = services;
  const now = services.now().getTime();
  return await store.transaction(async () => {
    const found = await store.links.code(code);
    if (!found) throw new UserError('link.wrongCode');
    if (found.usedAt !== null) throw new UserError('link.usedCode');
    if (found.expiresAt <= now) throw new UserError('link.expiredCode');
    if (found.user === asker) throw new UserError('link.ownCode');
    const to = await store.links.learnerOf(found.user);
    const from = await store.links.learnerOf(asker);
    if (to === from) throw new UserError('link.already');
    const theirs = await platformsOf(services, to);
    const clash = [...(await platformsOf(services, from))].find((p) => theirs.has(p));
    if (clash) throw new UserError('link.samePlatform', { platform: ctx.t.plain(`link.platform.${clash}`) });
    await store.links.useCode(code, now);
    await store.migrateUser(from, to);
    return to;
  });
}

/** `/link CODE`: links the asker's account with the account that made the code; replies with the status. */
export async function redeemCode(ctx: CommandContext, typed: string): Promise<Reply> {
  const asker = userKey(ctx.platform, ctx.user.id);
  if (!ctx.services.linkAttempts.take(asker)) throw new UserError('link.slowDown');
  const code = readCode(typed);
  if (!code) throw new UserError('link.badCode', { value: typed.slice(0, 40) });
  await link(ctx, asker, code);
  return linkStatus(ctx, ctx.t('link.linked'));
}
