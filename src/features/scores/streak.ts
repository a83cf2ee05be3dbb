/**
 * Streaks: consecutive local days on which a person answered or reviewed at least one question. One
 * missed day is forgiven once per ISO week (a "freeze"): the streak goes on, the frozen day does not
 * count. Today, until it is over, never breaks a streak.
 */
import { addDays } from '../daily/time.ts';
import { isoWeekStart } from './window.ts';

/** A person's streaks. */
export interface Streak {
  /** Active days in the streak that is still going (0 when it broke). */
  current: number;
  /** The most active days of any streak. */
  longest: number;
  /** The frozen (forgiven) days of the current streak, oldest first. */
  frozen: string[];
  /** Whether today already counts. */
  today: boolean;
}

/** The streaks of a person active on `days` (local `YYYY-MM-DD`, any order, repeats allowed), as of `today`. */
export function streakOf(days: readonly string[], today: string): Streak {
  const active = new Set(days);
  const sorted = [...active].sort();
  const first = sorted[0];
  if (first === undefined) return { current: 0, longest: 0, frozen: [], today: false };
  const last = sorted[sorted.length - 1] ?? first;
  const end = last > today ? last : today;
  let run = 0;
  let longest = 0;
  let frozen: string[] = [];
  const weeksUsed = new Set<string>();
  for (let day = first; day <= end; day = addDays(day, 1)) {
    if (active.has(day)) {
      run += 1;
      longest = Math.max(longest, run);
      continue;
    }
    if (day === today) continue; // the day is not over yet
    const previous = addDays(day, -1);
    const afterFreeze = frozen[frozen.length - 1] === previous;
    const week = isoWeekStart(day);
    if (run > 0 && !afterFreeze && !weeksUsed.has(week)) {
      weeksUsed.add(week);
      frozen.push(day);
      continue;
    }
    // Two missed days in a row: the streak breaks, and the freeze it did not save stays unused.
    if (afterFreeze) weeksUsed.delete(isoWeekStart(previous));
    run = 0;
    frozen = [];
  }
  return { current: run, longest, frozen, today: active.has(today) };
}
