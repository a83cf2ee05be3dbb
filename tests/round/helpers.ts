/** Shared pieces of the round tests: players, a recording outbox, and reading a posted question. */
import type { Router } from '../../src/app/router.ts';
import { CHOICE_LETTERS, type Entry } from '../../src/features/knowledge/schema.ts';
import { parseAnswer } from '../../src/features/mcq/asked.ts';
import { ORDERS } from '../../src/features/mcq/order.ts';
import type { Platform } from '../../src/kernel/identity.ts';
import type { Outbox } from '../../src/kernel/outbox.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Origin } from '../../src/kernel/router.ts';

export const T0 = Date.parse('2026-03-04T04:00:00Z');

/** A member of chat 500 (or `kind`), by id, named "Player <id>". */
export function player(id: string, o: { admin?: boolean; kind?: 'group' | 'channel' } = {}): Origin {
  return {
    platform: 'discord',
    chat: { id: '500', kind: o.kind ?? 'group' },
    user: { id, name: `Player ${id}`, admin: o.admin ?? false },
    locale: 'en',
  };
}

/** An outbox that keeps what it is asked to send; `failNext` makes the next send throw. */
export class RecordingOutbox implements Outbox {
  readonly sent: { chatId: string; reply: Reply }[] = [];
  failNext = false;
  constructor(readonly platform: Platform = 'discord') {}

  async send(chatId: string, reply: Reply): Promise<string> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection reset');
    }
    this.sent.push({ chatId, reply });
    return String(this.sent.length);
  }

  /** The questions sent (replies with answer buttons). */
  questions(): Reply[] {
    return this.sent.map((s) => s.reply).filter((r) => r.choice !== undefined);
  }
}

/** A posted question's answer buttons, with which of them is right and one that is wrong. */
export function question(router: Router, reply: Reply | undefined) {
  const ids = allButtons(reply ?? {})
    .filter(isActionButton)
    .map((b) => b.action)
    .filter((a) => a.startsWith('mcq:a:'));
  const parsed = parseAnswer(ids[0]?.split(':').slice(2) ?? []);
  if (!parsed) throw new Error(`no answer buttons in ${JSON.stringify(reply)}`);
  const entry = router.services.kb.get(parsed.asked.entryId) as Entry;
  const choice = entry.choices?.[parsed.asked.item];
  if (!choice) throw new Error('no item');
  const right = (ORDERS[parsed.asked.order] ?? []).indexOf(CHOICE_LETTERS.indexOf(choice.answer));
  return {
    asked: parsed.asked,
    right: ids[right] ?? '',
    wrong: ids[(right + 1) % 4] ?? '',
  };
}
