/**
 * A person's review history as CSV (RFC 4180, `\r\n` line ends) for people who analyse their own data:
 * one row per card they have rated, with the date and the rating of their latest review.
 * The store keeps each card's latest rating, not every past one, so that is what the file holds.
 */
import type { ReviewRecord } from '../review/store.ts';

/** Names of the ratings 1–4 as FSRS calls them. */
const RATINGS: Record<number, string> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

/** The header row's columns. */
export const HISTORY_COLUMNS = ['card', 'question', 'date', 'rating', 'reviews', 'due'] as const;

/** Quotes a CSV field when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV text of review records; `question` names each card (its entry's or its follow-up's question, or ''). */
export function historyCsv(records: readonly ReviewRecord[], question: (entryId: string) => string): string {
  const rows = records.map((r) => [
    r.entryId,
    question(r.entryId),
    new Date(r.updatedAt).toISOString(),
    RATINGS[r.lastRating] ?? String(r.lastRating),
    String(r.reps),
    new Date(r.due).toISOString(),
  ]);
  return [[...HISTORY_COLUMNS], ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
