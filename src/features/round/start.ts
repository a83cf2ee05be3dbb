/**
 * Starting and stopping a round: drawing its questions (distinct entries with multiple-choice items,
 * a random item of each in a random shown order), storing it once per chat, and ending it early.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { DIFFICULTIES } from '../knowledge/schema.ts';
import { categoryName } from '../knowledge/views.ts';
import { randomOrder } from '../mcq/order.ts';
import { scoreboardReply } from './scoreboard.ts';
import type { RoundQuestion, RoundRecord, RoundSettings } from './store.ts';

/** Defaults and bounds of the settings (the command declares the same bounds). */
export const ROUND_LIMITS = { count: 10, maxCount: 30, seconds: 30, minSeconds: 10, maxSeconds: 120 };

/** The first question is posted this long after the start, so the announcement comes first. */
export const FIRST_DELAY_MS = 2000;

/** Draws `count` questions of distinct entries (fewer when fewer match). */
export function drawQuestions(ctx: CommandContext, settings: RoundSettings): RoundQuestion[] {
  const { kb, random } = ctx.services;
  const difficulty = DIFFICULTIES.find((d) => d === settings.difficulty);
  const pool = kb
    .filter({ category: settings.category, difficulty })
    .filter((e) => (e.choices?.length ?? 0) > 0);
  const drawn: RoundQuestion[] = [];
  while (drawn.length < settings.count && pool.length > 0) {
    const [entry] = pool.splice(Math.floor(random() * pool.length) % pool.length, 1);
    const items = entry?.choices?.length ?? 0;
    if (!entry || items === 0) continue;
    const item = Math.min(items - 1, Math.floor(random() * items));
    drawn.push({ entryId: entry.id, item, order: randomOrder(random) });
  }
  return drawn;
}

/** The "already running" refusal with how far the running round is. */
function running(round: RoundRecord): UserError {
  return new UserError('round.running', { n: round.posted, total: round.questions.length });
}

/**
 * Starts a round in the asker's chat and returns the public announcement; the runner posts the questions.
 * @throws UserError when rounds cannot run here, one is running, or no question matches.
 */
export async function startRound(ctx: CommandContext, asked: Partial<RoundSettings>): Promise<Reply> {
  const runner = ctx.services.rounds;
  if (!runner?.serves(ctx.platform)) throw new UserError('round.unavailable');
  if (ctx.chat.kind === 'channel') throw new UserError('round.noChannel');
  const key = chatKey(ctx.platform, ctx.chat.id);
  const existing = await ctx.services.store.rounds.get(key);
  if (existing) throw running(existing);
  const settings: RoundSettings = {
    count: asked.count ?? ROUND_LIMITS.count,
    seconds: asked.seconds ?? ROUND_LIMITS.seconds,
    ...(asked.category ? { category: asked.category } : {}),
    ...(asked.difficulty ? { difficulty: asked.difficulty } : {}),
  };
  const questions = drawQuestions(ctx, settings);
  if (questions.length === 0) throw new UserError('round.none');
  const now = ctx.services.now().getTime();
  const round: RoundRecord = {
    chatKey: key,
    platform: ctx.platform,
    chatId: ctx.chat.id,
    starter: { id: ctx.user.id, name: ctx.user.name ?? ctx.user.id },
    locale: ctx.locale,
    settings,
    questions,
    posted: 0,
    startedAt: now,
    nextAt: now + FIRST_DELAY_MS,
  };
  if (!(await ctx.services.store.rounds.start(round))) {
    const other = await ctx.services.store.rounds.get(key);
    if (other) throw running(other);
  }
  const what = [
    settings.category ? categoryName(ctx, settings.category) : '',
    settings.difficulty ?? '',
  ].filter(Boolean);
  return {
    body: ctx.t('round.started', {
      count: questions.length,
      seconds: settings.seconds,
      filters: what.length > 0 ? ctx.t.plain('round.filters', { what: what.join(' · ') }) : '',
    }),
  };
}

/**
 * Stops the chat's round (its starter or an admin of the chat, checked here on the server's word) and
 * returns its scoreboard of what was played, with the asker's place; its open question closes.
 * @throws UserError when none is running or the asker may not stop it.
 */
export async function stopRound(ctx: CommandContext): Promise<Reply> {
  const key = chatKey(ctx.platform, ctx.chat.id);
  const round = await ctx.services.store.rounds.get(key);
  if (!round) throw new UserError('round.notRunning');
  if (round.starter.id !== ctx.user.id && !ctx.user.admin) {
    throw new UserError('round.stopRefused', { name: round.starter.name });
  }
  const ended = await ctx.services.store.rounds.end(key);
  if (!ended) throw new UserError('round.notRunning');
  // The question open now closes with the round; the runner's next tick redraws it closed.
  await ctx.services.store.closings.closeChat(key, 'round', ctx.services.now().getTime());
  return scoreboardReply(ctx, ended, { asker: ctx.user, end: 'stopped' });
}
