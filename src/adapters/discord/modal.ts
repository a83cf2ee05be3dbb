/**
 * A reply's `ask` (a text that completes a command) as a Discord modal, and its submission back as the
 * command's invocation. The modal's custom_id carries the command, its fixed options and the option the
 * text fills, so a submission needs no state; forging one only runs a command the person could type.
 */
import type { ModalComponentData, ModalSubmitInteraction } from 'discord.js';
import type { TextRequest } from '../../kernel/reply.ts';
import type { Invocation } from '../../kernel/router.ts';
import { clamp } from './render.ts';

/** Marks the custom_id of a modal made from a `TextRequest`. */
const ASK_PREFIX = 'ask:';
/** The custom_id of the modal's one text field. */
const FIELD = 'text';
/** Discord's limits: custom_id, modal title, text input label, text input length. */
const LIMITS = { customId: 100, title: 45, label: 45, length: 4000 } as const;

/** The modal of a text request, or null when its custom_id would not fit (the reply's body is shown instead). */
export function modalOf(ask: TextRequest): ModalComponentData | null {
  const customId = `${ASK_PREFIX}${JSON.stringify([ask.command, ask.option, ask.options])}`;
  if (customId.length > LIMITS.customId) return null;
  return {
    customId,
    title: clamp(ask.title, LIMITS.title),
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            customId: FIELD,
            label: clamp(ask.label, LIMITS.label),
            style: 2,
            required: true,
            maxLength: Math.min(ask.maxLength, LIMITS.length),
          },
        ],
      },
    ],
  } as ModalComponentData;
}

/** The invocation a modal submission completes, or null for a modal that is not one of `modalOf`'s. */
export function invocationOfModal(interaction: ModalSubmitInteraction): Invocation | null {
  if (!interaction.customId.startsWith(ASK_PREFIX)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(interaction.customId.slice(ASK_PREFIX.length));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [command, option, options] = parsed as unknown[];
  if (typeof command !== 'string' || typeof option !== 'string') return null;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return null;
  const fixed = Object.entries(options).filter(([, v]) => typeof v === 'string');
  const text = interaction.fields.getTextInputValue(FIELD);
  return { name: command, options: { ...Object.fromEntries(fixed), [option]: text } };
}
