/**
 * The router: the one place platform input becomes a command invocation. Adapters call it with typed
 * options (Discord), a text line (terminal, Telegram) or a button's action id, and render the reply.
 * It checks access, validates arguments, and turns every error into a reply: a person's mistake into a
 * friendly message, a bug into a logged error and a short apology. It never throws at an adapter.
 */
import { decodeAction } from './action.ts';
import { type ChoiceSource, parseTextArgs, usageOf, validateArgs } from './args.ts';
import { type Command, type CommandContext, type OptionsSpec, optionSpec } from './command.ts';
import { Failure, UserError } from './errors.ts';
import { type Locale, translator } from './i18n.ts';
import type { Chat, Platform, User } from './identity.ts';
import type { Reply } from './reply.ts';
import type { Services } from './services.ts';

/** Who, where and in which language: what an adapter knows about an incoming event. */
export interface Origin {
  platform: Platform;
  chat: Chat;
  user: User;
  locale: Locale;
}

/** A structured invocation, as Discord delivers it. */
export interface Invocation {
  name: string;
  subcommand?: string;
  options: Record<string, unknown>;
}

/** What the router reports after serving one invocation, text line or button press (for metrics). */
export interface ServedEvent {
  platform: Platform;
  /** The command's name, or `unknown` for a name or action id that matches none (bounded label values). */
  command: string;
  kind: 'invoke' | 'text' | 'press';
  /** For a press of a known command's button: the button's verb (`rate`, `ans`, …). */
  verb?: string;
  /** Time to produce the reply, in milliseconds. */
  ms: number;
  /** `ok`, a person's mistake (`user-error`), or a bug (`error`). */
  outcome: 'ok' | 'user-error' | 'error';
}

/** An entry suggested while a person types an option declared `autocomplete: 'entry'`. */
export interface Suggestion {
  id: string;
  label: string;
  /** Set when nothing matched well: the suggestion is only one of the closest topics, not a match. */
  weak?: boolean;
}

/** Optional hooks of a router. */
export interface RouterOptions {
  /** Called after every served event; must not throw (errors are ignored). */
  onServed?: (event: ServedEvent) => void;
}

/**
 * What the router needs from the features and cannot know itself: where the values of a dynamic
 * choice come from (the knowledge base), and the suggestions of an entry option (the search index).
 * The composition root (`src/app/router.ts`) wires them.
 */
export interface RouterFeatures {
  choices: ChoiceSource;
  suggest: (partial: string) => Suggestion[];
}

/** Routes invocations and button presses to the commands. */
export class Router {
  readonly #byName: Map<string, Command>;

  readonly #features: RouterFeatures;

  constructor(
    readonly commands: readonly Command[],
    readonly services: Services,
    readonly options: RouterOptions & RouterFeatures,
  ) {
    this.#byName = new Map(commands.map((c) => [c.name, c]));
    this.#features = { choices: options.choices, suggest: options.suggest };
  }

  /** Where the values of dynamic choices come from (adapters list them, e.g. as Discord choices). */
  get choices(): ChoiceSource {
    return this.#features.choices;
  }

  /** The command with this name. */
  find(name: string): Command | undefined {
    return this.#byName.get(name);
  }

  /** The context a handler gets for an origin. */
  context(origin: Origin): CommandContext {
    return { ...origin, services: this.services, t: translator(origin.locale), commands: this.commands };
  }

  /** Runs a structured invocation. */
  invoke(invocation: Invocation, origin: Origin): Promise<Reply> {
    return this.#guard(origin, { invocation }, this.#served('invoke', invocation.name), (ctx) =>
      this.#run(ctx, invocation.name, invocation.subcommand, () => invocation.options),
    ).then((reply) => this.#noted(origin, reply));
  }

  /**
   * Runs a text line: `/name args…` (a `@botname` suffix is the adapter's to strip).
   * Returns null when the line is not a command.
   */
  async invokeText(line: string, origin: Origin): Promise<Reply | null> {
    const m = /^\/([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/u.exec(line.trim());
    if (!m?.[1]) return null;
    const name = m[1].toLowerCase();
    const rest = m[2] ?? '';
    return this.#guard(origin, { line }, this.#served('text', name), (ctx) => {
      let text = rest;
      let subcommand: string | undefined;
      if (this.#byName.get(name)?.subcommands) {
        const [first = '', ...others] = rest.trim().split(/\s+/);
        subcommand = first.toLowerCase();
        text = others.join(' ');
      }
      return this.#run(ctx, name, subcommand, (options, usage) =>
        parseTextArgs(text, options, { choices: this.#features.choices, usage }),
      );
    }).then((reply) => this.#noted(origin, reply));
  }

  /**
   * The reply with the person's one-time note on top (`Services.notice`), if any. A reply that may be
   * replaced where it was asked (a private one outside a private chat, with `reopen`) leaves it for later.
   * A note that fails to be read or cleared never breaks the reply.
   */
  async #noted(origin: Origin, reply: Reply): Promise<Reply> {
    const notice = this.services.notice;
    if (!notice) return reply;
    try {
      const shown = origin.chat.kind === 'private' || !reply.reopen;
      const { platform, locale } = origin;
      const target = { platform, userId: origin.user.id, chatKind: origin.chat.kind, shown };
      const note = await notice({ ...target, t: translator(locale) });
      if (note === undefined) return reply;
      return { ...reply, body: reply.body ? `${note}\n\n${reply.body}` : note };
    } catch (error) {
      this.services.log.warn({ err: error }, 'a notice could not be read');
      return reply;
    }
  }

  /**
   * The steps every invocation takes: find the command and subcommand, check access, read the values
   * (`values` is called only once those passed), validate them and run the handler.
   */
  async #run(
    ctx: CommandContext,
    name: string,
    subcommand: string | undefined,
    values: (options: OptionsSpec | undefined, usage: string) => Record<string, unknown>,
  ): Promise<Reply> {
    const command = this.#byName.get(name);
    if (!command) throw new UserError('common.unknownCommand', { name });
    const { options, run, usage } = this.#target(command, subcommand);
    this.#checkAccess(command, ctx);
    const args = validateArgs(values(options, usage), options, { choices: this.#features.choices, usage });
    return run(ctx, args);
  }

  /** Runs the handler of a button's action id; forged or stale ids get a friendly message. */
  press(actionId: string, origin: Origin): Promise<Reply> {
    const decoded = decodeAction(actionId);
    const served = this.#served('press', decoded?.command ?? '');
    if (decoded && served.command !== 'unknown') served.verb = decoded.verb;
    return this.#guard(origin, { action: actionId }, served, async (ctx) => {
      const action = decodeAction(actionId);
      const handler = action ? this.#byName.get(action.command)?.buttons?.[action.verb] : undefined;
      if (!action || !handler) return { body: ctx.t('common.staleButton'), private: true };
      return handler(ctx, action.args);
    });
  }

  /**
   * True when an action id names a button declared read-only (`readOnlyButtons`): it changes nothing, so
   * it may be pressed from a link anyone can write. False for anything else, unknown ids included.
   */
  isReadOnlyAction(actionId: string): boolean {
    const action = decodeAction(actionId);
    if (!action) return false;
    return this.#byName.get(action.command)?.readOnlyButtons?.includes(action.verb) ?? false;
  }

  /** Autocomplete for an option declared `autocomplete: 'entry'`. */
  complete(name: string, option: string, partial: string, subcommand?: string): Suggestion[] {
    const command = this.#byName.get(name);
    const spec = command ? optionSpec(command, subcommand, option) : undefined;
    if (spec?.type !== 'string' || spec.autocomplete !== 'entry') return [];
    return this.#features.suggest(partial);
  }

  #target(command: Command, subcommand: string | undefined) {
    if (!command.subcommands) {
      return {
        options: command.options,
        run: command.run,
        usage: usageOf(`/${command.name}`, command.options),
      };
    }
    const sub = command.subcommands[subcommand ?? ''];
    if (!sub) {
      throw new UserError('common.unknownSubcommand', {
        name: command.name,
        subcommands: Object.keys(command.subcommands).join('|'),
      });
    }
    const options: OptionsSpec | undefined = sub.options;
    return { options, run: sub.run, usage: usageOf(`/${command.name} ${subcommand}`, options) };
  }

  #checkAccess(command: Command, ctx: CommandContext): void {
    if (command.access === 'admin' && !ctx.user.admin) throw new UserError('common.adminOnly');
  }

  #served(kind: ServedEvent['kind'], name: string): Pick<ServedEvent, 'kind' | 'command' | 'verb'> {
    return { kind, command: this.#byName.has(name) ? name : 'unknown' };
  }

  async #guard(
    origin: Origin,
    what: Record<string, unknown>,
    served: Pick<ServedEvent, 'kind' | 'command' | 'verb'>,
    body: (ctx: CommandContext) => Promise<Reply>,
  ): Promise<Reply> {
    const ctx = this.context(origin);
    const started = performance.now();
    let outcome: ServedEvent['outcome'] = 'ok';
    try {
      return await body(ctx);
    } catch (error) {
      if (error instanceof UserError) {
        outcome = 'user-error';
        return { body: error.render(ctx.t), private: true };
      }
      outcome = 'error';
      this.services.log.error(
        { err: error, platform: origin.platform, chat: origin.chat.id, user: origin.user.id, ...what },
        'command failed',
      );
      // A write that did not reach the database is never reported as done, nor hidden in an apology.
      return { body: ctx.t(error instanceof Failure ? error.replyKey : 'common.apology'), private: true };
    } finally {
      try {
        this.options.onServed?.({
          ...served,
          platform: origin.platform,
          ms: performance.now() - started,
          outcome,
        });
      } catch {
        // An observer never breaks a reply.
      }
    }
  }
}
