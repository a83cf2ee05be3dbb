/**
 * A round's scoreboard: each player's correct answers and total answer time over the questions posted,
 * counting only answers given while a question was open. Ranked by correct answers, then by less total
 * time; shown as the top three and, when not among them, the asker's own place. Names are plain text.
 */
import type { CommandContext } from '../../kernel/context.ts';
import type { Reply } from '../../kernel/reply.ts';
import { learnerOn } from '../link/learner.ts';
import { questionId } from '../mcq/asked.ts';
import { type AnswerRecord, shownName } from '../scores/answer.ts';
import type { AnswerStore } from '../scores/store.ts';
import type { RoundRecord } from './store.ts';

/** One player's result. */
export interface Standing {
  userKey: string;
  name: string;
  correct: number;
  answered: number;
  timeMs: number;
}

/** The ledger ids of the round's posted questions, each with when it closes (epoch ms). */
function postedQuestions(round: RoundRecord): Map<string, number> {
  const ids = new Map<string, number>();
  for (const q of round.questions) {
    if (q.sentAt === undefined) continue;
    const id = questionId({ ...q, sentAt: q.sentAt, locale: round.locale });
    ids.set(id, q.sentAt + round.settings.seconds * 1000);
  }
  return ids;
}

/** Every player's result, best first (more correct, then less total time, then name). */
export async function standings(
  scores: Pick<AnswerStore, 'answersIn'>,
  round: RoundRecord,
): Promise<Standing[]> {
  const closes = postedQuestions(round);
  const byUser = new Map<string, Standing>();
  const counted = (a: AnswerRecord) => {
    const close = closes.get(a.questionId);
    return close !== undefined && a.answeredAt <= close;
  };
  for (const a of (await scores.answersIn(round.chatKey)).filter(counted)) {
    const s = byUser.get(a.userKey) ?? {
      userKey: a.userKey,
      name: a.userName,
      correct: 0,
      answered: 0,
      timeMs: 0,
    };
    s.name = a.userName;
    s.answered++;
    if (a.correct) s.correct++;
    s.timeMs += a.timeMs;
    byUser.set(a.userKey, s);
  }
  return [...byUser.values()].sort(
    (a, b) => b.correct - a.correct || a.timeMs - b.timeMs || a.name.localeCompare(b.name),
  );
}

/** The scoreboard's title by how the round ended. */
const TITLES = {
  over: 'round.overTitle',
  stopped: 'round.stoppedTitle',
  interrupted: 'round.interruptedTitle',
} as const;

const MEDALS = ['🥇', '🥈', '🥉'];

function line(ctx: CommandContext, s: Standing, place: number): string {
  return ctx.t('round.standing', {
    place: MEDALS[place - 1] ?? `${place}.`,
    name: shownName(s.name),
    correct: s.correct,
    total: s.answered,
    seconds: (s.timeMs / 1000).toFixed(1),
  });
}

/**
 * The scoreboard of a round, in the round's language: the top three, and `asker`'s place when they
 * played and are not among them; `end` says how it ended (the title). Public, without mentions (names are escaped text).
 */
export async function scoreboardReply(
  ctx: CommandContext,
  round: RoundRecord,
  options: { asker?: { id: string } | undefined; end?: 'over' | 'stopped' | 'interrupted' } = {},
): Promise<Reply> {
  const table = await standings(ctx.services.scores, round);
  const lines = table.slice(0, 3).map((s, i) => line(ctx, s, i + 1));
  const mine = options.asker ? await learnerOn(ctx.services, round.platform, options.asker.id) : undefined;
  const place = table.findIndex((s) => s.userKey === mine);
  const own = table[place];
  if (own && place >= 3) lines.push('', ctx.t('round.yourPlace', { line: line(ctx, own, place + 1) }));
  if (table.length === 0) lines.push(ctx.t('round.nobody'));
  const played = round.questions.filter((q) => q.sentAt !== undefined).length;
  return {
    title: ctx.t.plain(TITLES[options.end ?? 'over']),
    body: lines.join('\n'),
    footer: ctx.t.plain('round.overFooter', { played, players: table.length }),
  };
}
