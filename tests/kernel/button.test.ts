import { describe, expect, it } from 'vitest';
import { ActionError, decodeAction } from '../../src/kernel/action.ts';
import { bindButton, button, buttonId, buttonsOf } from '../../src/kernel/button.ts';

const reply = () => ({ body: 'ok' });

describe('button(): a button declared once, with its handler', () => {
  it('makes action ids that route back to its command and verb', () => {
    const open = button('show', 'card', reply, { readOnly: true });
    expect(decodeAction(open.action('nms'))).toEqual({ command: 'show', verb: 'card', args: ['nms'] });
    expect(open.action(undefined, 2)).toBe('show:card:_:2');
  });

  it('checks the 64-byte rule when declared and when an id is made', () => {
    expect(() => button('a'.repeat(40), 'b'.repeat(30), reply)).toThrow(ActionError);
    expect(() => button('show', 'card', reply).action('x'.repeat(60))).toThrow(ActionError);
  });

  it("gives a command its buttons and read-only verbs, refusing another command's or a verb twice", () => {
    const card = button('show', 'card', reply, { readOnly: true });
    const rate = button('show', 'rate', reply);
    const table = buttonsOf('show', card, rate);
    expect(Object.keys(table.buttons)).toEqual(['card', 'rate']);
    expect(table.readOnlyButtons).toEqual(['card']);
    expect(() => buttonsOf('quiz', card)).toThrow(ActionError);
    expect(() => buttonsOf('show', card, card)).toThrow(ActionError);
  });
});

describe('buttonId(): a button named before its handler is bound', () => {
  it('makes the same ids as the bound button, and checks the 64-byte rule when named', () => {
    const rate = buttonId('review', 'rate');
    const bound = bindButton(rate, reply);
    expect(bound.action('nms', 3)).toBe(rate.action('nms', 3));
    expect(buttonsOf('review', bound).buttons.rate).toBe(reply);
    expect(() => buttonId('a'.repeat(40), 'b'.repeat(30))).toThrow(ActionError);
  });
});
