/**
 * `/remind on [HH:MM] [time zone]`, `/remind off` and `/remind` (status): a person's reminder setting.
 * The time defaults to the one set before, else 09:00; the time zone to the one set before, else the
 * chat's (its daily subscription's, else the bot's). On Telegram the bot can message only people who have
 * started a private chat with it: turned on from a group by someone it has not seen privately, the
 * reply says so and links to that private chat.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { chatKey, userKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { canonicalZone, formatClock, parseClock } from '../daily/time.ts';
import { learnerKey } from '../link/learner.ts';
import { chatZone } from '../scores/zone.ts';
import type { Reminder } from './store.ts';

/** The reminder time when none is given. */
export const DEFAULT_TIME = '09:00';

/** The person's setting, if any. */
async function current(ctx: CommandContext): Promise<Reminder | undefined> {
  return await ctx.services.store.reminders.get(userKey(ctx.platform, ctx.user.id));
}

/** True when the bot can message this person privately as far as it knows. */
function reachable(ctx: CommandContext, before: Reminder | undefined): boolean {
  return ctx.platform !== 'telegram' || ctx.chat.kind === 'private' || before?.reachable === true;
}

/** The time and zone of `/remind on` words, in any order. @throws UserError for a word that is neither */
function parseWhen(words: string): { time?: string; timezone?: string } {
  const out: { time?: string; timezone?: string } = {};
  for (const word of words.split(/\s+/).filter((w) => w !== '')) {
    const minutes = parseClock(word);
    const zone = minutes === null ? canonicalZone(word) : null;
    if (minutes !== null && out.time === undefined) out.time = formatClock(minutes);
    else if (zone !== null && out.timezone === undefined) out.timezone = zone;
    else throw new UserError('remind.bad', { value: word });
  }
  return out;
}

function noTerminal(ctx: CommandContext): void {
  if (ctx.platform === 'terminal') throw new UserError('remind.terminal');
}

/**
 * Turns the reminder on (or changes its time). `startPrivately` is the action of a button that opens a
 * private chat with the bot, shown when Telegram would not let the bot message the person yet.
 */
export async function remindOn(ctx: CommandContext, words: string, startPrivately: string): Promise<Reply> {
  noTerminal(ctx);
  const when = parseWhen(words);
  const before = await current(ctx);
  const reminder: Reminder = {
    userKey: userKey(ctx.platform, ctx.user.id),
    platform: ctx.platform,
    userId: ctx.user.id,
    on: true,
    time: when.time ?? before?.time ?? DEFAULT_TIME,
    timezone:
      when.timezone ?? before?.timezone ?? (await chatZone(ctx.services, chatKey(ctx.platform, ctx.chat.id))),
    locale: ctx.locale,
    since: ctx.services.now().getTime(),
    reachable: reachable(ctx, before),
    notice: null,
  };
  await ctx.services.store.reminders.put(reminder);
  const body = ctx.t('remind.on', { time: reminder.time, zone: reminder.timezone });
  if (reminder.reachable) return { body, private: true };
  return {
    body: `${body}\n\n${ctx.t('remind.startPrivately')}`,
    buttons: [[{ label: ctx.t.plain('remind.startPrivatelyButton'), action: startPrivately, private: true }]],
  };
}

/** Turns the reminder off. */
export async function remindOff(ctx: CommandContext): Promise<Reply> {
  noTerminal(ctx);
  const before = await current(ctx);
  if (!before?.on) return { body: ctx.t('remind.offNothing'), private: true };
  await ctx.services.store.reminders.put({ ...before, on: false, notice: null });
  return { body: ctx.t('remind.off'), private: true };
}

/** The person's setting and how many cards are due now; seen in a private chat, they are reachable. */
export async function remindStatus(ctx: CommandContext): Promise<Reply> {
  noTerminal(ctx);
  const before = await current(ctx);
  if (before && !before.reachable && reachable(ctx, before))
    await ctx.services.store.reminders.put({ ...before, reachable: true });
  if (!before?.on) return { body: ctx.t('remind.statusOff'), private: true };
  const now = ctx.services.now().getTime();
  const due = (await ctx.services.store.reviews.stats(await learnerKey(ctx), now)).due;
  return {
    body: ctx.t('remind.statusOn', { time: before.time, zone: before.timezone, due }),
    private: true,
  };
}
