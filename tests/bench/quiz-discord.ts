/**
 * The Discord half of `npm run bench:quiz`: the real discord.js adapter against the fake Discord, with
 * the production redraw interval. `/mcq` in a server channel posts a question with buttons A–D; then 500
 * people press a button, every tenth of them twice (another letter), all dispatched at once. Each press
 * must get one private reply: a verdict (✅/❌) for the press that counted, "already answered" for the
 * other; the public message is edited with the count of answers, paced.
 */
import { startDiscord } from '../../src/adapters/discord/index.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { Router } from '../../src/kernel/router.ts';
import { callbackData, customIds, embedOf } from '../discord/harness.ts';
import { CHANNEL_ID, press, slash, type Where } from '../discord/payloads.ts';
import { FakeDiscord, type Json, type RecordedRequest } from '../fakes/discord.ts';
import { checkOnce, compareTop, expectedTop, type QuizRun, type Timings, until } from './quiz-check.ts';
import { pick } from './quiz-telegram.ts';

/** Presses timed one at a time, after the burst. */
const ALONE = 200;

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.bench-quiz-token-0000000000000';

const userId = (n: number) => String(410000000000000000n + BigInt(n));
const where = (n: number): Where => ({ userId: userId(n), locale: 'en-US' });

/** A payload from person `n`, carrying their own display name (the fake's payloads all say "Student"). */
function named(payload: Json, n: number): Json {
  const member = payload.member as { user: Json };
  member.user = { ...member.user, global_name: `Student ${String(n).padStart(3, '0')}` };
  return payload;
}

const description = (r: RecordedRequest) => String(embedOf(callbackData(r)).description ?? '');

/** Runs the Discord question with `people` pressers; `served` collects the router's events. */
export async function discordQuiz(router: Router, timings: Timings, people: number): Promise<QuizRun> {
  const fake = await FakeDiscord.start();
  try {
    const adapter = await startDiscord({ router, token: TOKEN, apiUrl: fake.apiUrl, log: silentLogger() });
    try {
      return await play(router, timings, fake, people);
    } finally {
      await adapter.stop();
    }
  } finally {
    await fake.close();
  }
}

async function play(router: Router, timings: Timings, fake: FakeDiscord, people: number): Promise<QuizRun> {
  const problems: string[] = [];
  const app = fake.applicationId;
  const asked = callbackData(await fake.interact(named(slash(app, 'mcq', {}, where(0)), 0)));
  const message = fake.message(CHANNEL_ID, asked);
  const ids = customIds(asked)[0] ?? [];
  if (ids.length !== 4) throw new Error('bench:quiz: the question has no buttons A–D');

  const presses: { n: number; letter: number; payload: Json }[] = [];
  for (let n = 1; n <= people; n++) {
    presses.push({
      n,
      letter: pick(n),
      payload: named(press(app, ids[pick(n)] ?? '', message, where(n)), n),
    });
    if (n % 10 === 0) {
      const letter = (pick(n) + 1) % 4;
      presses.push({ n, letter, payload: named(press(app, ids[letter] ?? '', message, where(n)), n) });
    }
  }
  const handled = () => timings.served.filter((e) => e.platform === 'discord' && e.kind === 'press');
  const own = () => timings.handled.filter((e) => e.platform === 'discord');
  const ownBefore = own().length;
  const before = handled().length;
  const started = performance.now();
  const callbacks = await Promise.all(presses.map((p) => fake.interact(p.payload, 60_000)));
  await until(() => handled().length - before >= presses.length, 'every press handled');
  const wallMs = performance.now() - started;
  const events = handled().slice(before);

  // One verdict per person; the right letter is the one every ✅ pressed, and no ❌.
  const verdicts = new Map<number, { letter: number; right: boolean }>();
  let already = 0;
  callbacks.forEach((c, i) => {
    const p = presses[i];
    const text = description(c);
    if (!p) return;
    if (/^You already answered/.test(text)) already += 1;
    else if (/^(✅|❌)/.test(text)) {
      if (verdicts.has(p.n)) problems.push(`person ${p.n} got two verdicts`);
      verdicts.set(p.n, { letter: p.letter, right: text.startsWith('✅') });
    } else problems.push(`press ${i} got an unexpected reply`);
  });
  const extra = presses.length - people;
  if (already !== extra) problems.push(`${already} "already answered" replies for ${extra} second presses`);
  const rightLetters = new Set([...verdicts.values()].filter((v) => v.right).map((v) => v.letter));
  const wrongOnRight = [...verdicts.values()].filter((v) => !v.right && rightLetters.has(v.letter)).length;
  if (rightLetters.size > 1 || wrongOnRight > 0) problems.push('verdicts disagree on the right letter');

  const channel = chatKey('discord', CHANNEL_ID);
  const records = (await router.services.scores.answersIn(channel)).filter(
    (r) => r.userKey !== userKey('discord', userId(0)),
  );
  problems.push(
    ...checkOnce(
      records,
      Array.from({ length: people }, (_, i) => userKey('discord', userId(i + 1))),
    ),
  );
  const disagree = records.filter((r) => {
    const verdict = verdicts.get(Number(BigInt(r.userKey.split(':').at(-1) ?? '0') - BigInt(userId(0))));
    return verdict?.right !== r.correct;
  }).length;
  if (disagree > 0) problems.push(`${disagree} records disagree with the verdict their person saw`);

  // The paced redraws: wait for the one that shows every answer.
  const path = `/channels/${CHANNEL_ID}/messages/${String(message.id)}`;
  const edits = () => fake.requests.filter((r) => r.method === 'PATCH' && r.path === path);
  const footer = (r: RecordedRequest | undefined) =>
    String((embedOf((r?.body ?? {}) as Json).footer as Json | undefined)?.text ?? '');
  await until(() => footer(edits().at(-1)).startsWith(`${people} answered`), 'the last redraw', 15_000);
  const at = edits().map((r) => r.at);
  const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));

  const asker = people;
  const top = await fake.interact(named(slash(app, 'top', { window: 'all' }, where(asker)), asker));
  const expected = expectedTop(records, userKey('discord', userId(asker)));
  problems.push(...compareTop(description(top), expected));

  // Its own cost: the handler timed one press at a time, on a second question.
  const second = callbackData(await fake.interact(named(slash(app, 'mcq', {}, where(0)), 0)));
  const secondMessage = fake.message(CHANNEL_ID, second);
  const secondIds = customIds(second)[0] ?? [];
  const aloneFrom = own().length;
  for (let n = 1; n <= ALONE; n++)
    await fake.interact(named(press(app, secondIds[pick(n)] ?? '', secondMessage, where(n)), n));
  const alone = own().slice(aloneFrom);
  return {
    alone: { handledMs: alone.map((e) => e.ms), cpuMs: alone.map((e) => e.cpuMs) },
    platform: 'discord',
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
    edits: {
      count: at.length,
      minGapMs: gaps.length ? Math.min(...gaps) : Number.POSITIVE_INFINITY,
      at: at.map((t) => t - started),
      lastFooter: footer(edits().at(-1)),
    },
  };
}
