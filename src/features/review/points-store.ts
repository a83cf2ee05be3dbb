/**
 * What grading by key points keeps: per person, entry and must-say key point (the points the rating
 * counts), how often the point was graded and how often it was missed (not ticked). /stats shows the points a person misses most. One interface, two
 * implementations (`points-memory.ts`, `points-sql.ts`), declared as the `keyPoints` part in
 * `points-part.ts`.
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** One key point of one entry as a person graded it over time. */
export interface PointTally {
  entryId: string;
  /** The point's bold lead, as the answer wrote it when graded. */
  point: string;
  /** Times it was graded. */
  seen: number;
  /** Times it was not ticked. */
  missed: number;
  /** The latest grading, epoch ms. */
  lastAt: number;
}

/** One point of one grading: its text, and whether it was missed. */
export interface GradedPoint {
  point: string;
  missed: boolean;
}

/** The key-point part's store. It keeps nothing per chat, so moving a chat moves nothing. */
export interface KeyPointStore extends ChatRows {
  /** Adds one grading of an entry's key points. */
  record(user: UserKey, entryId: string, points: readonly GradedPoint[], at: number): Promise<void>;
  /**
   * The points a person missed at least once, the weakest first: most misses, then the larger share
   * missed, then the latest; at most `limit`.
   */
  weakest(user: UserKey, limit: number): Promise<PointTally[]>;
  /** Deletes a person's tallies; returns the rows deleted. */
  forget(user: UserKey): Promise<number>;
}

/** The order of `weakest`, shared by both implementations. */
export function weakerFirst(a: PointTally, b: PointTally): number {
  return (
    b.missed - a.missed ||
    b.missed / b.seen - a.missed / a.seen ||
    b.lastAt - a.lastAt ||
    a.entryId.localeCompare(b.entryId) ||
    a.point.localeCompare(b.point)
  );
}
