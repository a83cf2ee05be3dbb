/** The answers store contract, in memory, over SQLite and over PostgreSQL (`engines.ts`). */

import { answersPart } from '../../src/features/scores/part.ts';
import { answersContract } from './contract/answers.ts';
import { onEveryEngine } from './engines.ts';

onEveryEngine(answersPart, answersContract);
