/** The key-point part in memory (tests, and the terminal when no data folder can be used). */
import type { UserKey } from '../../kernel/identity.ts';
import { type GradedPoint, type KeyPointStore, type PointTally, weakerFirst } from './points-store.ts';

/** KeyPointStore over maps: user → `<entry>\0<point>` → tally. */
export class MemoryKeyPoints implements KeyPointStore {
  readonly #byUser = new Map<string, Map<string, PointTally>>();

  async record(user: UserKey, entryId: string, points: readonly GradedPoint[], at: number): Promise<void> {
    const tallies = this.#byUser.get(user) ?? new Map<string, PointTally>();
    this.#byUser.set(user, tallies);
    for (const { point, missed } of points) {
      const key = `${entryId}\u0000${point}`;
      const t = tallies.get(key) ?? { entryId, point, seen: 0, missed: 0, lastAt: at };
      tallies.set(key, { ...t, seen: t.seen + 1, missed: t.missed + (missed ? 1 : 0), lastAt: at });
    }
  }

  async weakest(user: UserKey, limit: number): Promise<PointTally[]> {
    return [...(this.#byUser.get(user)?.values() ?? [])]
      .filter((t) => t.missed > 0)
      .sort(weakerFirst)
      .slice(0, limit)
      .map((t) => ({ ...t }));
  }

  async forget(user: UserKey): Promise<number> {
    const n = this.#byUser.get(user)?.size ?? 0;
    this.#byUser.delete(user);
    return n;
  }

  async moveChat(): Promise<void> {}

  /** Merges a person's tallies into another's: of one point, `seen` and `missed` add up, the later time stays. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    const theirs = this.#byUser.get(from);
    if (!theirs || from === to) return;
    this.#byUser.delete(from);
    const mine = this.#byUser.get(to) ?? new Map<string, PointTally>();
    this.#byUser.set(to, mine);
    for (const [key, t] of theirs) {
      const m = mine.get(key);
      mine.set(
        key,
        m
          ? { ...m, seen: m.seen + t.seen, missed: m.missed + t.missed, lastAt: Math.max(m.lastAt, t.lastAt) }
          : t,
      );
    }
  }
}
