/**
 * Several toggles in one line: `1 3 4` under a message of toggle buttons (grading by key points) presses
 * toggle 1, then toggle 3 of the message that answered, then 4, and shows the last answer. The numbers
 * stay the same from one answer to the next, since a toggle's message keeps its buttons in place.
 */
import { allButtons, type Button, isActionButton, type Reply } from '../../kernel/reply.ts';

/** A line of two or more button numbers (`1 3 4`), or null for anything else. */
export function toggleNumbers(line: string): number[] | null {
  return /^\d+(?:[\s,]+\d+)+$/.test(line) ? line.split(/[\s,]+/).map(Number) : null;
}

/**
 * Presses the toggles `numbers` name in turn. Returns the last reply, or the first number that is not a
 * toggle of the message shown (nothing is pressed then).
 */
export async function pressToggles(
  press: (action: string) => Promise<Reply>,
  buttons: readonly Button[],
  numbers: readonly number[],
): Promise<{ reply: Reply } | { notToggle: number }> {
  const isToggle = (b: Button | undefined) => b !== undefined && isActionButton(b) && b.checked !== undefined;
  const bad = numbers.find((n) => !isToggle(buttons[n - 1]));
  if (bad !== undefined) return { notToggle: bad };
  let current = buttons;
  let reply: Reply | undefined;
  for (const n of numbers) {
    const button = current[n - 1];
    // A reply that is no longer the toggle message (an error) ends the line there.
    if (!button || !isActionButton(button) || button.checked === undefined) break;
    reply = await press(button.action);
    current = allButtons(reply);
  }
  return reply ? { reply } : { notToggle: numbers[0] ?? 0 };
}
