/**
 * Each feature's store part against its contract, in memory, over SQLite and over PostgreSQL (`engines.ts`).
 */

import { dailyPart } from '../../src/features/daily/part.ts';
import { dailyRatingsPart } from '../../src/features/daily/ratings-part.ts';
import { closingsPart } from '../../src/features/mcq/closing-part.ts';
import { quizPart } from '../../src/features/quiz/recent.ts';
import { remindersPart } from '../../src/features/remind/part.ts';
import { reviewsPart } from '../../src/features/review/part.ts';
import { updatesPart } from '../../src/features/updates/part.ts';
import { closingsContract } from './contract/closings.ts';
import { dailyContract } from './contract/daily.ts';
import { dailyRatingsContract } from './contract/daily-ratings.ts';
import { quizContract } from './contract/quiz.ts';
import { remindersContract } from './contract/reminders.ts';
import { reviewsContract } from './contract/reviews.ts';
import { updatesContract } from './contract/updates.ts';
import { onEveryEngine } from './engines.ts';

onEveryEngine(closingsPart, closingsContract);
onEveryEngine(dailyRatingsPart, dailyRatingsContract);
onEveryEngine(dailyPart, dailyContract);
onEveryEngine(quizPart, quizContract);
onEveryEngine(remindersPart, remindersContract);
onEveryEngine(reviewsPart, reviewsContract);
onEveryEngine(updatesPart, updatesContract);
