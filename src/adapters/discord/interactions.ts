/**
 * Interactions: slash commands, autocomplete and button presses become router calls, and their replies
 * are sent back within Discord's 3 s (deferring first when a reply is slow). Nothing here throws at the
 * client: a failure is logged with the interaction id and answered with an ephemeral apology when the
 * interaction can still be answered.
 */

import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import { type Command, optionSpec } from '../../kernel/command.ts';
import { type Locale, pickLocale, translator } from '../../kernel/i18n.ts';
import type { Logger } from '../../kernel/log.ts';
import type { RateLimiter } from '../../kernel/rate-limit.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Invocation, Router } from '../../kernel/router.ts';
import { within } from '../../kernel/wait.ts';
import { COMMAND_LIMITS, completeChoice } from './commands.ts';
import { apiCode, DEAD_INTERACTION_CODES, logFields } from './errors.ts';
import { invocationOfModal, modalOf } from './modal.ts';
import { nothingMatchedChoice } from './nothing-matched.ts';
import { inPrivateChannel, originOf } from './origin.ts';
import { clamp, type DiscordMessage, PRIVATE_PREFIX } from './render.ts';

/** What the interaction handler works with. */
export interface HandlerOptions {
  router: Router;
  log: Logger;
  /** Renders a reply in a locale. */
  render: (reply: Reply, locale: Locale) => DiscordMessage;
  /** A reply still not ready after this long is deferred (Discord wants an answer within 3 s). */
  deferAfterMs: number;
  /** Autocomplete requests per person; over the limit, the answer is an empty list. */
  autocompleteLimiter: RateLimiter;
  /** Redraws a public message of the bot (a reply's `refresh`), paced; absent: never redrawn. */
  redraw?: (message: { channelId: string; id: string }, reply: Reply, locale: Locale) => void;
}

const EPHEMERAL = MessageFlags.Ephemeral;

/** The structured invocation of a slash command. */
export function invocationOf(interaction: ChatInputCommandInteraction): Invocation {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const top = interaction.options.data;
  const leaf = subcommand ? (top.find((o) => o.name === subcommand)?.options ?? []) : top;
  return {
    name: interaction.commandName,
    subcommand,
    options: Object.fromEntries(leaf.map((o) => [o.name, o.value])),
  };
}

/** True when a command (or its subcommand) declares every reply private, so it can be deferred privately. */
export function repliesPrivately(command: Command | undefined, subcommand: string | undefined): boolean {
  if (command?.replies === 'private') return true;
  return subcommand !== undefined && command?.subcommands?.[subcommand]?.replies === 'private';
}

/** Handles every interaction the client receives, and knows which are still being answered. */
export class InteractionHandler {
  readonly #inflight = new Set<Promise<void>>();
  #accepting = true;

  constructor(readonly options: HandlerOptions) {}

  /** The `interactionCreate` listener; it never throws and never rejects. */
  readonly listener = (interaction: Interaction): void => {
    const task = this.#handle(interaction);
    this.#inflight.add(task);
    void task.finally(() => this.#inflight.delete(task));
  };

  /** Interactions being answered right now. */
  get inflight(): number {
    return this.#inflight.size;
  }

  /** From now on, interactions get a short "restarting" answer instead of running. */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Waits until every interaction in flight is answered, or the time is up; resolves to those left. */
  async drain(timeoutMs: number): Promise<number> {
    await within(Promise.allSettled([...this.#inflight]), timeoutMs);
    return this.#inflight.size;
  }

  async #handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    try {
      if (!this.#accepting) await this.#refuse(interaction);
      else if (interaction.isAutocomplete()) await this.#complete(interaction);
      else if (interaction.isChatInputCommand()) await this.#command(interaction);
      else if (interaction.isButton()) await this.#button(interaction);
      else if (interaction.isModalSubmit()) await this.#modal(interaction);
    } catch (error) {
      await this.#failed(interaction, error);
    }
    this.options.log.debug(
      { interaction: interaction.id, type: interaction.type, ms: Math.round(performance.now() - started) },
      'discord interaction answered',
    );
  }

  #payload(reply: Reply, locale: Locale, o: { ephemeral: boolean }): InteractionReplyOptions {
    const message = this.options.render(reply, locale);
    return o.ephemeral ? { ...message, flags: EPHEMERAL } : message;
  }

  /** The reply if it settles before the defer deadline, else null (the work goes on). */
  async #inTime(work: Promise<Reply>): Promise<Reply | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.deferAfterMs);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #command(interaction: ChatInputCommandInteraction): Promise<void> {
    const origin = originOf(interaction);
    const command = this.options.router.find(interaction.commandName);
    if (command?.access === 'admin' && inPrivateChannel(interaction)) {
      // The admin commands (the daily question) set up posts in a chat: impossible in a group DM.
      const body = translator(origin.locale)('discord.notInGroupDm', { command: command.name });
      await interaction.reply(this.#payload({ body, private: true }, origin.locale, { ephemeral: true }));
      return;
    }
    const invocation = invocationOf(interaction);
    const work = this.options.router.invoke(invocation, origin);
    const quick = await this.#inTime(work);
    if (quick) {
      await interaction.reply(this.#payload(quick, origin.locale, { ephemeral: quick.private === true }));
      return;
    }
    if (repliesPrivately(command, invocation.subcommand)) {
      await interaction.deferReply({ flags: EPHEMERAL });
      await interaction.editReply(this.options.render(await work, origin.locale));
      return;
    }
    await interaction.deferReply();
    const reply = await work;
    if (reply.private) {
      // A deferred reply cannot become ephemeral: replace it by an ephemeral follow-up.
      await interaction.deleteReply();
      await interaction.followUp(this.#payload(reply, origin.locale, { ephemeral: true }));
    } else {
      await interaction.editReply(this.options.render(reply, origin.locale));
    }
  }

  async #button(interaction: ButtonInteraction): Promise<void> {
    const privateButton = interaction.customId.startsWith(PRIVATE_PREFIX);
    const action = privateButton ? interaction.customId.slice(PRIVATE_PREFIX.length) : interaction.customId;
    const origin = originOf(interaction);
    // A button on an ephemeral message: only the presser sees that message, so a private reply may edit it
    // (the toggles of grading by key points).
    const personal = interaction.message.flags.has(EPHEMERAL);
    const work = this.options.router.press(action, origin);
    void work.then((reply) => this.#redraw(interaction, reply, origin.locale));
    const quick = await this.#inTime(work);
    const modal = quick?.ask ? modalOf(quick.ask) : null;
    if (modal) {
      await interaction.showModal(modal);
      return;
    }
    if (quick) {
      const ephemeral = privateButton || quick.private === true;
      if (quick.edit && (personal || !ephemeral))
        await interaction.update(this.options.render(quick, origin.locale));
      else await interaction.reply(this.#payload(quick, origin.locale, { ephemeral }));
      return;
    }
    if (privateButton && !personal) {
      await interaction.deferReply({ flags: EPHEMERAL });
      await interaction.editReply(this.options.render(await work, origin.locale));
      return;
    }
    await interaction.deferUpdate();
    const reply = await work;
    const ephemeral = privateButton || reply.private === true;
    if (reply.edit && (personal || !ephemeral))
      await interaction.editReply(this.options.render(reply, origin.locale));
    else if (ephemeral) await interaction.followUp(this.#payload(reply, origin.locale, { ephemeral: true }));
    else await interaction.followUp(this.#payload(reply, origin.locale, { ephemeral: false }));
  }

  /** A private answer to a press of a public message may redraw that message (`Reply.refresh`). */
  #redraw(interaction: ButtonInteraction, reply: Reply, locale: Locale): void {
    const { message } = interaction;
    if (!reply.refresh || !reply.private || message.flags.has(MessageFlags.Ephemeral)) return;
    this.options.redraw?.({ channelId: message.channelId, id: message.id }, reply.refresh, locale);
  }

  /** A submitted modal (see `modal.ts`) runs the command it completes; the answer is ephemeral. */
  async #modal(interaction: ModalSubmitInteraction): Promise<void> {
    const origin = originOf(interaction);
    const invocation = invocationOfModal(interaction);
    const work: Promise<Reply> = invocation
      ? this.options.router.invoke(invocation, origin)
      : Promise.resolve({ body: translator(origin.locale)('common.staleButton') });
    const quick = await this.#inTime(work);
    if (quick) {
      await interaction.reply(this.#payload(quick, origin.locale, { ephemeral: true }));
      return;
    }
    await interaction.deferReply({ flags: EPHEMERAL });
    await interaction.editReply(this.options.render(await work, origin.locale));
  }

  async #complete(interaction: AutocompleteInteraction): Promise<void> {
    const { router, autocompleteLimiter, log } = this.options;
    if (!autocompleteLimiter.take(interaction.user.id)) {
      log.debug({ interaction: interaction.id, user: interaction.user.id }, 'discord autocomplete limited');
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    const subcommand = interaction.options.getSubcommand(false);
    const partial = String(focused.value);
    const suggestions = router.complete(
      interaction.commandName,
      focused.name,
      partial,
      subcommand ?? undefined,
    );
    let choices = suggestions.map((s) => ({
      name: clamp(s.label, COMMAND_LIMITS.choiceName),
      value: s.id.slice(0, 100),
    }));
    const command = router.find(interaction.commandName);
    const spec = command && optionSpec(command, subcommand, focused.name);
    const typed = partial.trim().slice(0, 100);
    const entryOption = spec?.type === 'string' && spec.autocomplete === 'entry';
    if (entryOption && typed !== '' && (choices.length === 0 || suggestions.some((s) => s.weak))) {
      choices = [nothingMatchedChoice(typed, pickLocale(interaction.locale)), ...choices];
    }
    if (spec?.type === 'choice') {
      choices = completeChoice(spec, router.services.kb, partial, pickLocale(interaction.locale));
    }
    await interaction.respond(choices.slice(0, COMMAND_LIMITS.choices));
  }

  async #refuse(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) {
      const t = translator(pickLocale(interaction.locale));
      await interaction.reply({
        content: t('discord.restarting'),
        flags: EPHEMERAL,
        allowedMentions: { parse: [] },
      });
    }
  }

  async #failed(interaction: Interaction, error: unknown): Promise<void> {
    const { log } = this.options;
    const code = apiCode(error);
    const fields = { ...logFields(error), interaction: interaction.id, type: interaction.type };
    if (code !== undefined && DEAD_INTERACTION_CODES.has(code)) {
      // Expired (answered after 3 s) or answered already: nothing more can be sent for it.
      log.warn(fields, 'discord interaction could not be answered');
      return;
    }
    log.error(fields, 'discord interaction failed');
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
      return;
    }
    if (!interaction.isRepliable()) return;
    try {
      const apology = {
        content: translator(pickLocale(interaction.locale))('common.apology'),
        flags: EPHEMERAL,
        allowedMentions: { parse: [] as [] },
      } as const;
      // A command's public "thinking…" placeholder goes; a deferred button's message stays.
      if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied)
        await interaction.deleteReply().catch(() => {});
      if (interaction.deferred || interaction.replied) await interaction.followUp(apology);
      else await interaction.reply(apology);
    } catch (again) {
      log.warn({ ...logFields(again), interaction: interaction.id }, 'discord apology could not be sent');
    }
  }
}
