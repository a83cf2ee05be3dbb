/**
 * An asked multiple-choice question: one posting of one item of an entry, in a shown order, at a time,
 * in the asker's language. Everything an answer needs travels in the answer buttons' action ids
 * (`mcq:a:<entry>:<item>:<order>:<sent, base 36>:<z|e>:<shown position>`, at most 48 bytes), so a press
 * works after a restart and the ledger's question id derives from it.
 */
import { buttonId } from '../../kernel/button.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { Choice, Entry } from '../knowledge/schema.ts';
import { CHOICE_LETTERS } from '../knowledge/schema.ts';
import { orderAt } from './order.ts';

/** One posting of a multiple-choice item. */
export interface Asked {
  entryId: string;
  /** The item's index in the entry's `choices`. */
  item: number;
  /** The index of the shown order in `ORDERS`. */
  order: number;
  /** Epoch ms the question was sent. */
  sentAt: number;
  /** The language it was asked in (the public message keeps it when it is redrawn). */
  locale: Locale;
}

/** mcq:a:…: an answer button (handler bound in `commands/mcq.ts`). */
export const mcqAnswerId = buttonId('mcq', 'a');

/** mcq:x:…: closes a /mcq question (its asker or an admin); the answer buttons' arguments without the position. */
export const mcqCloseId = buttonId('mcq', 'x');

/** mcq:ask:<entry>: asks a multiple-choice item of an entry (the button on every flashcard). */
export const mcqAskId = buttonId('mcq', 'ask');

/** mcq:next:<category>:<difficulty>: asks another multiple-choice question of these filters. */
export const mcqNextId = buttonId('mcq', 'next');

/** The action id of the answer button at shown position `shown` (0 is A). */
export function answerAction(asked: Asked, shown: number): string {
  const { entryId, item, order, sentAt, locale } = asked;
  return mcqAnswerId.action(entryId, item, order, sentAt.toString(36), locale === 'en' ? 'e' : 'z', shown);
}

/** The action id of a /mcq question's close button. */
export function closeAction(asked: Asked): string {
  const { entryId, item, order, sentAt, locale } = asked;
  return mcqCloseId.action(entryId, item, order, sentAt.toString(36), locale === 'en' ? 'e' : 'z');
}

/** The ledger's id of the question: the same for every press of every button of one posting. */
export function questionId(asked: Asked): string {
  return `${asked.entryId}.${asked.item}.${asked.order}.${asked.sentAt.toString(36)}`;
}

/** The asked question and the position pressed from an answer button's arguments, or null when malformed. */
export function parseAnswer(args: readonly string[]): { asked: Asked; shown: number } | null {
  const [entryId = '', item = '', order = '', sent = '', lang = '', shown = ''] = args;
  if (!/^\d$/.test(item) || !/^[0-3]$/.test(shown) || !/^[0-9a-z]{1,10}$/.test(sent)) return null;
  if (orderAt(order) === undefined || (lang !== 'z' && lang !== 'e')) return null;
  return {
    asked: {
      entryId,
      item: Number(item),
      order: Number(order),
      sentAt: Number.parseInt(sent, 36),
      locale: lang === 'e' ? 'en' : 'zh-CN',
    },
    shown: Number(shown),
  };
}

/** The item of an asked question, or undefined when the entry no longer has it. */
export function itemOf(entry: Entry, asked: Pick<Asked, 'item'>): Choice | undefined {
  return entry.choices?.[asked.item];
}

/** The item's own index of its correct option. */
export function correctIndex(choice: Choice): number {
  return CHOICE_LETTERS.indexOf(choice.answer);
}

/** The letter (A–D) an item's own option index is shown under in an order. */
export function shownLetter(order: number, own: number): string {
  const position = orderAt(order)?.indexOf(own) ?? -1;
  return CHOICE_LETTERS[position] ?? '?';
}
