/** The `/export` reply: a person's cards as an Anki text file and their review history as CSV. */
import type { CommandContext } from '../../kernel/context.ts';
import type { Reply, ReplyFile } from '../../kernel/reply.ts';
import { cardQuestion, reviewCard } from '../knowledge/cards.ts';
import type { FollowUpPlace } from '../knowledge/followups.ts';
import type { Entry } from '../knowledge/schema.ts';
import { hasHistory } from '../review/history.ts';
import { userKey } from '../review/review.ts';
import { ankiDeck } from './anki.ts';
import { historyCsv } from './history-csv.ts';

/** The name of the Anki file `/export` sends. */
export const DECK_FILE = 'dlkb-anki.txt';
/** The name of the review-history file `/export` sends. */
export const HISTORY_FILE = 'dlkb-reviews.csv';

/**
 * The person's rated cards, entries and follow-ups (every entry of the knowledge base when they have
 * rated none), as an Anki file, plus their review history when the store can list it. `reopen` opens it
 * again in a private chat.
 */
export async function exportReply(ctx: CommandContext, reopen: string): Promise<Reply> {
  const { kb, store } = ctx.services;
  const records = hasHistory(store.reviews) ? await store.reviews.records(await userKey(ctx)) : [];
  const rated = new Set(records.map((r) => r.entryId));
  // Knowledge-base order; cards removed from the knowledge base since they were rated are left out.
  const mine: readonly Entry[] = kb.entries.filter((e) => rated.has(e.id));
  const followUps: FollowUpPlace[] = [];
  for (const r of records) {
    const card = reviewCard((id) => kb.get(id), r.entryId);
    if (card?.kind === 'followup') followUps.push(card.place);
  }
  const studied = mine.length + followUps.length;
  const entries = studied > 0 ? mine : kb.entries;
  const files: ReplyFile[] = [
    { name: DECK_FILE, mime: 'text/plain; charset=utf-8', content: ankiDeck(entries, followUps) },
  ];
  const lines = [
    ctx.t(studied > 0 ? 'export.deck' : 'export.wholeBase', {
      count: studied > 0 ? studied : entries.length,
    }),
  ];
  if (records.length > 0) {
    files.push({
      name: HISTORY_FILE,
      mime: 'text/csv; charset=utf-8',
      content: historyCsv(records, (id) => cardQuestion((e) => kb.get(e), id)),
    });
    lines.push(ctx.t('export.history'));
  }
  return { title: ctx.t.plain('export.title'), body: lines.join('\n'), files, private: true, reopen };
}
