/**
 * What `npm run bench:quiz` checks once the answers are in, the same way on both platforms: every person
 * recorded exactly once, and `/top` equal to a leaderboard recounted here from the raw answer records
 * (not from the store's own tally), rendered in English the way the reply should read.
 */

import type { AnswerRecord } from '../../src/features/scores/answer.ts';
import { shownName } from '../../src/features/scores/answer.ts';
import type { Platform } from '../../src/kernel/identity.ts';
import type { ServedEvent } from '../../src/kernel/router.ts';

/** What the bench observes while the bot runs. */
export interface Timings {
  /** The router's events (`onServed`): its time covers any wait behind other answers in the event loop. */
  served: ServedEvent[];
  /**
   * Each run of the answer button's handler, timed on its own (the work one answer costs): wall-clock
   * ms, and the process's CPU ms meanwhile (what the handler costs when the machine is shared).
   */
  handled: { platform: Platform; ms: number; cpuMs: number }[];
}

/** What one platform's run measured and found wrong. */
export interface QuizRun {
  platform: 'telegram' | 'discord';
  /** People who answered, and the extra deliveries (duplicated updates, double presses) among the inputs. */
  people: number;
  extra: number;
  /** Answers recorded for the question, and distinct people among them. */
  recorded: number;
  distinct: number;
  /** Handling time of each answer: its handler's own time, ms, wall-clock and CPU. */
  handledMs: number[];
  cpuMs: number[];
  /**
   * The same handler timed one press at a time (Discord): its own cost. Under the burst, an asynchronous
   * handler's time also counts the other presses' work interleaved at its awaits.
   */
  alone?: { handledMs: number[]; cpuMs: number[] };
  /** The router's figure for each answer under the burst (`onServed`), ms. */
  routerMs: number[];
  /** From the first answer sent to the last one handled, ms. */
  wallMs: number;
  /** Every check that failed, in words; empty when all passed. */
  problems: string[];
  /**
   * Discord only: the edits of the question message, the shortest gap between two of them, when each
   * reached the fake (ms after the first press was sent) and what the last one showed.
   */
  edits?: { count: number; minGapMs: number; lastFooter: string; at: number[] };
}

/** One person's answers in the chat, recounted. */
interface Recount {
  userKey: string;
  userName: string;
  answered: number;
  correct: number;
  timeMs: number;
  rank: number;
}

const MEDALS = ['🥇', '🥈', '🥉'];

function better(a: Recount, b: Recount): number {
  const accuracy = (r: Recount) => (r.answered ? r.correct / r.answered : 0);
  return b.correct - a.correct || accuracy(b) - accuracy(a) || a.timeMs - b.timeMs;
}

/** The chat's leaderboard, recounted from its raw records: correct, then accuracy, then time; ties share a rank. */
export function recount(records: readonly AnswerRecord[]): Recount[] {
  const byUser = new Map<string, Recount>();
  for (const r of records) {
    const t = byUser.get(r.userKey) ?? {
      userKey: r.userKey,
      userName: r.userName,
      answered: 0,
      correct: 0,
      timeMs: 0,
      rank: 0,
    };
    t.userName = r.userName;
    t.answered += 1;
    t.correct += r.correct ? 1 : 0;
    t.timeMs += r.timeMs;
    byUser.set(r.userKey, t);
  }
  const sorted = [...byUser.values()].sort(
    (a, b) =>
      better(a, b) ||
      a.userName.localeCompare(b.userName) ||
      (a.userKey < b.userKey ? -1 : a.userKey > b.userKey ? 1 : 0),
  );
  sorted.forEach((t, i) => {
    const previous = sorted[i - 1];
    t.rank = previous && better(previous, t) === 0 ? previous.rank : i + 1;
  });
  return sorted;
}

function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

function tail(t: Recount): string {
  const accuracy = Math.round((t.answered ? t.correct / t.answered : 0) * 100);
  return `${t.correct}/${t.answered} right · ${accuracy}% · ${duration(t.timeMs)}`;
}

/** The lines `/top all` should show in English: the top 10, then the asker's own place when below them. */
export function expectedTop(records: readonly AnswerRecord[], asker: string): string[] {
  const ranked = recount(records);
  const lines = ranked
    .slice(0, 10)
    .map((t) => `${MEDALS[t.rank - 1] ?? `#${t.rank}`} ${shownName(t.userName)} — ${tail(t)}`);
  const mine = ranked.findIndex((t) => t.userKey === asker);
  const own = ranked[mine];
  if (own && mine >= 10) lines.push(`You: #${own.rank} — ${tail(own)}`);
  return lines;
}

/** Problems with a `/top` reply's text: each expected line must appear, in order. */
export function compareTop(text: string, expected: readonly string[]): string[] {
  const plain = text
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\\(.)/g, '$1');
  let from = 0;
  for (const line of expected) {
    const at = plain.indexOf(line, from);
    if (at < 0) return [`/top lacks, or misplaces, the recounted line "${line}"`];
    from = at + line.length;
  }
  return expected.length === 0 ? ['/top: nothing recounted to compare'] : [];
}

/** Problems with the records of one question: each of `people` answered once, nobody else. */
export function checkOnce(records: readonly AnswerRecord[], people: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const r of records) seen.set(r.userKey, (seen.get(r.userKey) ?? 0) + 1);
  const twice = [...seen.values()].filter((n) => n > 1).length;
  if (twice > 0) problems.push(`${twice} people recorded more than once`);
  const missing = people.filter((p) => !seen.has(p)).length;
  if (missing > 0) problems.push(`${missing} people not recorded`);
  const everyone = new Set(people);
  const strangers = [...seen.keys()].filter((k) => !everyone.has(k)).length;
  if (strangers > 0) problems.push(`${strangers} records of people who did not answer`);
  return problems;
}

/** Resolves once `condition` holds; rejects after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`bench:quiz: ${what} not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
