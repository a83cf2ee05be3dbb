/**
 * `npm run bench:review`: 10,000 learners with a simulated 60 days of spaced-repetition reviews each in
 * the SQLite store (`openAppStore` in a temporary folder), then:
 * - picking the next due card for one learner, as `/review` does it (`reviews.stats`, `reviews.due(…, 20)`,
 *   the first entry still in the knowledge base), p50/p99 over random learners (target p99 ≤ 2 ms);
 * - the whole `/review` command through the router, for comparison (no target);
 * - one `/stats` reply through the router (`createRouter({ store })`), p50/p99 (target p99 ≤ 20 ms);
 * - the database size on disk.
 * - the reminder fan-out: every learner has reminders on at the same minute, sent through the real
 *   Telegram adapter to the fake Bot API limited to `--limit` messages/s (`remind.ts`): the achieved rate
 *   as a share of the limit (target ≥ 0.9), duplicates (target 0), learners with cards due missed (target 0);
 *
 * Seeding: a few template learners are simulated with the real FSRS scheduler (`rate`, in memory) for 60
 * days (new cards a day, every due card rated with a random grade); each of the learners gets a template's
 * final records over its own rotation of the knowledge base, the days it was active, and key-point tallies
 * of its last gradings, all through the store's API in one transaction.
 *
 * Options: `--learners N` (10000), `--days N` (60), `--new N` new cards a day (3), `--samples N` (1000),
 * `--limit N` the fake Telegram's messages/s (500, Telegram's ~30/s scaled up as in bench:daily).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRouter } from '../../src/app/services.ts';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import { localDate } from '../../src/features/daily/time.ts';
import type { Entry } from '../../src/features/knowledge/schema.ts';
import { keyPoints } from '../../src/features/review/grade.ts';
import { MemoryReviews } from '../../src/features/review/memory.ts';
import { type GRADES, rate } from '../../src/features/review/review.ts';
import type { ReviewRecord } from '../../src/features/review/store.ts';
import { userKey } from '../../src/kernel/identity.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { DATABASE_FILE } from '../../src/store/sqlite.ts';
import { reminderFanOut } from './remind.ts';
import { latencySummary, mb, quantile } from './stats.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEARNERS = arg('learners', 10_000);
const DAYS = arg('days', 60);
const NEW_PER_DAY = arg('new', 3);
const SAMPLES = arg('samples', 1000);
const LIMIT = arg('limit', 500);
const TEMPLATES = 50;
/** The end of the simulated 60 days: "now" of every measurement. */
const NOW = Date.parse('2026-03-04T04:00:00Z');
const DAY_MS = 86_400_000;

/** A small deterministic generator (mulberry32), so runs seed the same data. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Again 10 %, hard 15 %, good 60 %, easy 15 %. */
function grade(random: () => number): (typeof GRADES)[number] {
  const r = random();
  return r < 0.1 ? 1 : r < 0.25 ? 2 : r < 0.85 ? 3 : 4;
}

/** One template learner: entry indexes rated over the days, FSRS records at the end, active days. */
interface Template {
  records: ReviewRecord[];
  activeDays: number[];
  ratings: number;
}

/** Simulates one learner with the real scheduler: each active day, every due card, then new cards. */
async function simulate(seed: number, entryCount: number): Promise<Template> {
  const random = generator(seed);
  const store = new MemoryReviews();
  const start = NOW - DAYS * DAY_MS;
  let nextNew = 0;
  let ratings = 0;
  const activeDays: number[] = [];
  for (let day = 0; day < DAYS; day++) {
    if (random() < 0.15) continue; // a day off now and then
    activeDays.push(day);
    const at = start + day * DAY_MS + Math.floor(random() * 12 * 3_600_000);
    for (const id of await store.due('t', at, 1000)) {
      await rate(store, 't', id, grade(random), new Date(at));
      ratings += 1;
    }
    for (let k = 0; k < NEW_PER_DAY && nextNew < entryCount; k++) {
      await rate(store, 't', String(nextNew++), grade(random), new Date(at + k * 60_000));
      ratings += 1;
    }
  }
  return { records: await store.records('t'), activeDays, ratings };
}

/** Writes every learner's records, active days and key-point tallies in one transaction. */
async function seed(store: AppSqliteStore, entries: readonly Entry[], templates: Template[]): Promise<void> {
  const random = generator(7);
  const start = NOW - DAYS * DAY_MS;
  await store.transaction(async () => {
    for (let i = 0; i < LEARNERS; i++) {
      const user = userKey('telegram', String(1000 + i));
      const t = templates[i % templates.length] as Template;
      const rotate = Math.floor(random() * entries.length);
      const entryOf = (index: string) => entries[(Number(index) + rotate) % entries.length] as Entry;
      for (const r of t.records)
        await store.reviews.put({ ...r, userKey: user, entryId: entryOf(r.entryId).id });
      for (const day of t.activeDays)
        await store.answers.markActive(user, localDate(start + day * DAY_MS, 'UTC'), 'review');
      const last = [...t.records].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 20);
      for (const r of last) {
        const entry = entryOf(r.entryId);
        const points = keyPoints(entry).map((p) => ({ point: p.text, missed: random() < 0.3 }));
        if (points.length > 0) await store.keyPoints.record(user, entry.id, points, r.updatedAt);
      }
    }
  });
}

function origin(id: string): Origin {
  return { platform: 'telegram', chat: { id, kind: 'private' }, user: { id, admin: false }, locale: 'en' };
}

/** `n` learner ids drawn at random (with repeats). */
function sample(n: number, random: () => number): string[] {
  return Array.from({ length: n }, () => String(1000 + Math.floor(random() * LEARNERS)));
}

/** Wall-clock and CPU milliseconds of the calls timed with `time`. */
class Timings {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  async time<T>(fn: () => T | Promise<T>): Promise<T> {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = await fn();
    this.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    this.cpu.push((used.user + used.system) / 1000);
    return result;
  }
  /** Drops the first `n` (warm-up). */
  skip(n: number): this {
    this.wall.splice(0, n);
    this.cpu.splice(0, n);
    return this;
  }
  summary(): string {
    return `${latencySummary(this.wall)}; CPU p50 ${quantile(this.cpu, 0.5).toFixed(3)} ms  p99 ${quantile(this.cpu, 0.99).toFixed(3)} ms`;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-bench-review-'));
  try {
    const store = openAppStore(dir);
    const router = await createRouter({ store, now: () => new Date(NOW) });
    const { kb } = router.services;
    const entries = kb.entries;

    let t0 = performance.now();
    const templates = await Promise.all(
      Array.from({ length: TEMPLATES }, (_, i) => simulate(i + 1, entries.length)),
    );
    const simulated = performance.now() - t0;
    const perLearner = templates.reduce((s, t) => s + t.records.length, 0) / templates.length;
    const ratings = templates.reduce((s, t) => s + t.ratings, 0) / templates.length;
    t0 = performance.now();
    await seed(store, entries, templates);
    const seeded = performance.now() - t0;
    console.log(
      `seeded ${LEARNERS} learners × ${DAYS} days (${entries.length} entries in the knowledge base): ` +
        `${perLearner.toFixed(0)} cards and ${ratings.toFixed(0)} simulated ratings a learner, ` +
        `${Math.round(perLearner * LEARNERS).toLocaleString('en')} review rows; ` +
        `FSRS simulation of ${TEMPLATES} templates ${(simulated / 1000).toFixed(1)} s, ` +
        `insert ${(seeded / 1000).toFixed(1)} s`,
    );

    const random = generator(42);
    // Pick the next due card, as /review does it without a plan.
    const pick = new Timings();
    let found = 0;
    for (const [i, id] of sample(SAMPLES + 100, random).entries()) {
      const user = userKey('telegram', id);
      const [entry, due] = await pick.time(async () => {
        const stats = await store.reviews.stats(user, NOW);
        const ids = await store.reviews.due(user, NOW, 20);
        return [ids.map((e) => kb.get(e)).find((e) => e !== undefined), stats.due] as const;
      });
      if (i >= 100 && entry && due > 0) found += 1;
    }
    console.log(`pick the next due card (store): ${pick.skip(100).summary()}  target p99 ≤ 2 ms`);
    console.log(`  ${found} of ${SAMPLES} sampled learners had a card due`);

    const review = new Timings();
    for (const id of sample(SAMPLES + 100, random)) {
      const reply = await review.time(() => router.invokeText('/review', origin(id)));
      if (!reply) throw new Error('/review gave no reply');
    }
    console.log(`/review through the router: ${review.skip(100).summary()}`);

    const stats = new Timings();
    for (const id of sample(SAMPLES + 100, random)) {
      const reply = await stats.time(() => router.invokeText('/stats', origin(id)));
      if (!reply?.body?.includes('/review')) throw new Error(`/stats replied ${reply?.body}`);
    }
    console.log(`/stats through the router: ${stats.skip(100).summary()}  target p99 ≤ 20 ms`);

    const learners = Array.from({ length: LEARNERS }, (_, i) => String(1000 + i));
    // Closes the store: the bot's own process opens the file (and its close folds the WAL into it).
    await reminderFanOut(dir, store, learners, { now: NOW, limit: LIMIT });
    const file = join(dir, DATABASE_FILE);
    const size = fileSize(file) + fileSize(`${file}-wal`);
    console.log(`database on disk: ${mb(size)} (${(size / LEARNERS / 1024).toFixed(1)} KB a learner)`);
    const ok = quantile(pick.wall, 0.99) <= 2 && quantile(stats.wall, 0.99) <= 20;
    console.log(ok ? 'latency targets met' : 'latency targets NOT met');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
