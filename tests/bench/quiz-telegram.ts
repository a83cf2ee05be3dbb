/**
 * The Telegram half of `npm run bench:quiz`: the real grammY adapter against the fake Bot API. `/mcq` in
 * a supergroup posts a quiz poll; then 1,000 people's `poll_answer` updates, and a duplicate of every
 * tenth one, are queued at once and fetched by long polling as fast as the fake hands them out.
 */
import type { User } from 'grammy/types';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { Router } from '../../src/kernel/router.ts';
import { type ApiCall, FakeTelegram, type UpdateInput } from '../fakes/telegram.ts';
import { checkOnce, compareTop, expectedTop, type QuizRun, type Timings, until } from './quiz-check.ts';

const GROUP = { id: -1007770001, type: 'supergroup' as const, title: 'bench group' };

const person = (i: number): User => ({
  id: 700_000 + i,
  is_bot: false,
  first_name: 'User',
  username: `user${String(i).padStart(4, '0')}`,
  language_code: 'en',
});

function command(text: string, from: User, messageId: number): UpdateInput {
  const name = text.split(' ')[0] ?? text;
  return {
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: GROUP,
      from,
      text,
      entities: [{ type: 'bot_command', offset: 0, length: name.length }],
    },
  } as UpdateInput;
}

function vote(pollId: string, user: User, option: number): UpdateInput {
  return {
    poll_answer: { poll_id: pollId, user, option_ids: [option], option_persistent_ids: [String(option)] },
  } as UpdateInput;
}

/** The option person `i` picks: A twice as often as the others, so about 2 in 5 are right or 1 in 5. */
export const pick = (i: number): number => [0, 1, 2, 3, 0][i % 5] ?? 0;

/** Runs the Telegram question with `people` voters; `served` collects the router's events. */
export async function telegramQuiz(router: Router, timings: Timings, people: number): Promise<QuizRun> {
  const fake = await FakeTelegram.start({ pollCapMs: 1000 });
  const log = silentLogger();
  const adapter = await startTelegram({
    router,
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    log,
  });
  try {
    return await play(router, timings, fake, people);
  } finally {
    await adapter.stop();
    await fake.close();
  }
}

async function play(router: Router, timings: Timings, fake: FakeTelegram, people: number): Promise<QuizRun> {
  const problems: string[] = [];
  let since = fake.calls.length;
  fake.pushUpdate(command('/mcq', person(0), 1));
  const poll = await fake.waitFor('sendPoll', { since, timeoutMs: 10_000 });
  const pollId = (poll.result as { poll: { id: string } }).poll.id;
  const right = Number(poll.payload.correct_option_id);
  await until(async () => (await router.services.polls?.recall(pollId)) !== undefined, 'the poll remembered');

  const handled = () => timings.served.filter((e) => e.platform === 'telegram' && e.kind === 'press');
  const own = () => timings.handled.filter((e) => e.platform === 'telegram');
  const ownBefore = own().length;
  const before = handled().length;
  const updates: UpdateInput[] = [];
  let extra = 0;
  for (let i = 0; i < people; i++) {
    updates.push(vote(pollId, person(i), pick(i)));
    // Every tenth vote delivered twice, a few updates later.
    if (i >= 3 && (i - 3) % 10 === 0) {
      updates.push(vote(pollId, person(i - 3), pick(i - 3)));
      extra += 1;
    }
  }
  const started = performance.now();
  for (const update of updates) fake.pushUpdate(update);
  await until(() => handled().length - before >= updates.length, 'every poll answer handled');
  const wallMs = performance.now() - started;
  const events = handled().slice(before);

  const group = chatKey('telegram', String(GROUP.id));
  const records = await router.services.scores.answersIn(group);
  const everyone = Array.from({ length: people }, (_, i) => userKey('telegram', String(person(i).id)));
  problems.push(...checkOnce(records, everyone));
  const wrongVerdict = records.filter((r) => {
    const i = Number(r.userKey.split(':').at(-1)) - 700_000;
    return r.correct !== (pick(i) === right);
  }).length;
  if (wrongVerdict > 0) problems.push(`${wrongVerdict} answers scored against the poll's correct option`);

  // The asker: the last voter, far down the board unless they were right and quick.
  const asker = person(people - 1);
  since = fake.calls.length;
  fake.pushUpdate(command('/top all', asker, 2));
  const top: ApiCall = await fake.waitFor('sendMessage', { since, timeoutMs: 10_000 });
  const expected = expectedTop(records, userKey('telegram', String(asker.id)));
  problems.push(...compareTop(String(top.payload.text ?? ''), expected));
  return {
    platform: 'telegram',
    people,
    extra,
    recorded: records.length,
    distinct: new Set(records.map((r) => r.userKey)).size,
    handledMs: own()
      .slice(ownBefore)
      .map((e) => e.ms),
    cpuMs: own()
      .slice(ownBefore)
      .map((e) => e.cpuMs),
    routerMs: events.map((e) => e.ms),
    wallMs,
    problems,
  };
}
