/**
 * A button declared once, with its handler: `button('show', 'ans', (ctx, [id = '']) => …)` names the
 * command and verb of its action id, and `showAnswer.action(entry.id)` makes the id, so no command or
 * view assembles an action string by hand. The 64-byte rule of action ids is checked here: the fixed
 * part when the button is declared, the whole id each time one is made (`encodeAction`).
 */
import { ActionError, encodeAction, MAX_ACTION_BYTES } from './action.ts';
import type { ButtonHandler, Command } from './command.ts';

/**
 * Where a button's action id routes, without its handler yet: for a view that shows a button whose
 * handler needs that view (the rating row under every answer, whose handler shows the next card with
 * its answer button). Its handler is bound once, by `bindButton`, where the command is declared.
 */
export interface ButtonId {
  readonly command: string;
  readonly verb: string;
  /** The action id of this button with these arguments (see `encodeAction`). */
  action(...args: (string | number | undefined)[]): string;
}

/** A declared button: where its action id routes, and the handler that answers a press. */
export interface ButtonDef extends ButtonId {
  /** It only shows something and changes nothing, so it may be pressed from a link anyone can write. */
  readonly readOnly: boolean;
  readonly handler: ButtonHandler;
}

/**
 * The action ids of a button of `command`, its handler bound later with `bindButton`.
 * @throws ActionError when `command:verb:` alone is not a valid action id or leaves no room for arguments.
 */
export function buttonId(command: string, verb: string): ButtonId {
  const prefix = encodeAction(command, verb);
  if (Buffer.byteLength(prefix) >= MAX_ACTION_BYTES)
    throw new ActionError(`button ${prefix} leaves no room for arguments in ${MAX_ACTION_BYTES} bytes`);
  return { command, verb, action: (...args) => encodeAction(command, verb, ...args) };
}

/** The button `id` names, answered by `handler` (see `button`). */
export function bindButton(
  id: ButtonId,
  handler: ButtonHandler,
  options: { readOnly?: boolean } = {},
): ButtonDef {
  return { ...id, readOnly: options.readOnly === true, handler };
}

/**
 * Declares a button of `command`. `readOnly: true` marks a button that changes nothing (see
 * `Command.readOnlyButtons`).
 * @throws ActionError when `command:verb:` alone is not a valid action id or leaves no room for arguments.
 */
export function button(
  command: string,
  verb: string,
  handler: ButtonHandler,
  options: { readOnly?: boolean } = {},
): ButtonDef {
  return bindButton(buttonId(command, verb), handler, options);
}

/**
 * The `buttons` and `readOnlyButtons` of a command declaration from its declared buttons.
 * @throws ActionError when a button belongs to another command or two share a verb.
 */
export function buttonsOf(
  command: string,
  ...defs: ButtonDef[]
): Required<Pick<Command, 'buttons' | 'readOnlyButtons'>> {
  const buttons: Record<string, ButtonHandler> = {};
  for (const def of defs) {
    if (def.command !== command)
      throw new ActionError(`button ${def.command}:${def.verb} is not /${command}'s`);
    if (buttons[def.verb]) throw new ActionError(`button ${command}:${def.verb} is declared twice`);
    buttons[def.verb] = def.handler;
  }
  return { buttons, readOnlyButtons: defs.filter((d) => d.readOnly).map((d) => d.verb) };
}
