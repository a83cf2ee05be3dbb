/**
 * Each feature's store part against its contract, in memory and over SQLite (a database in memory,
 * migrated by the same code that migrates the file).
 */

import Database from 'better-sqlite3';
import { dailyPart } from '../../src/features/daily/part.ts';
import { dailyRatingsPart } from '../../src/features/daily/ratings-part.ts';
import { closingsPart } from '../../src/features/mcq/closing-part.ts';
import { quizPart } from '../../src/features/quiz/recent.ts';
import { remindersPart } from '../../src/features/remind/part.ts';
import { reviewsPart } from '../../src/features/review/part.ts';
import type { ChatRows, StorePart } from '../../src/store/part.ts';
import { migrateParts } from '../../src/store/part-versions.ts';
import { sqlitePartStore } from '../../src/store/sqlite.ts';
import { closingsContract } from './contract/closings.ts';
import { dailyContract } from './contract/daily.ts';
import { dailyRatingsContract } from './contract/daily-ratings.ts';
import { quizContract } from './contract/quiz.ts';
import { remindersContract } from './contract/reminders.ts';
import { reviewsContract } from './contract/reviews.ts';

/** The part's SQLite store over a fresh database in memory. */
function sqlite<T extends ChatRows>(part: StorePart<string, T>): T {
  const db = new Database(':memory:');
  migrateParts(db, [part], 0);
  return sqlitePartStore(db, part);
}

closingsContract('memory', () => closingsPart.memory());
closingsContract('sqlite', () => sqlite(closingsPart));
dailyRatingsContract('memory', () => dailyRatingsPart.memory());
dailyRatingsContract('sqlite', () => sqlite(dailyRatingsPart));
dailyContract('memory', () => dailyPart.memory());
dailyContract('sqlite', () => sqlite(dailyPart));
quizContract('memory', () => quizPart.memory());
quizContract('sqlite', () => sqlite(quizPart));
remindersContract('memory', () => remindersPart.memory());
remindersContract('sqlite', () => sqlite(remindersPart));
reviewsContract('memory', () => reviewsPart.memory());
reviewsContract('sqlite', () => sqlite(reviewsPart));
