/**
 * The store parts of every feature, registered once: the composition root opens the store with these
 * (in memory or SQLite), and `Store` is what it assembles, `store.<part name>` for each.
 */
import type { AssembledStore } from '../store/assemble.ts';
import { dailyPart } from './daily/part.ts';
import { dailyRatingsPart } from './daily/ratings-part.ts';
import { linksPart } from './link/part.ts';
import { closingsPart } from './mcq/closing-part.ts';
import { pollsPart } from './mcq/part.ts';
import { plansPart } from './plan/part.ts';
import { quizPart } from './quiz/recent.ts';
import { remindersPart } from './remind/part.ts';
import { reviewsPart } from './review/part.ts';
import { keyPointsPart } from './review/points-part.ts';
import { roundsPart } from './round/part.ts';
import { answersPart } from './scores/part.ts';
import { updatesPart } from './updates/part.ts';

/** Every feature's store part; a new feature adds its own here. */
export const FEATURE_PARTS = [
  quizPart,
  dailyPart,
  reviewsPart,
  answersPart,
  pollsPart,
  keyPointsPart,
  roundsPart,
  plansPart,
  linksPart,
  closingsPart,
  dailyRatingsPart,
  remindersPart,
  updatesPart,
] as const;

/** The database as features see it: `store.<part name>` for each part above, and one transaction over them. */
export type Store = AssembledStore<typeof FEATURE_PARTS>;
