/**
 * The errors the router turns into replies. A person's mistake is a `UserError` carrying a message key
 * and its parameters; the router translates it once, in the asker's locale, escaping every parameter
 * for the reply's Markdown subset. A failure that is a bug but deserves a specific answer (a write that
 * did not reach the database) carries the key of that answer as `replyKey`.
 */
import type { MessageKey, Translate, TranslateValue } from './i18n.ts';

/** A mistake of the person (unknown id, bad argument): shown to them, never logged as a bug. */
export class UserError extends Error {
  override readonly name: string = 'UserError';

  constructor(
    readonly key: MessageKey,
    readonly params: Readonly<Record<string, TranslateValue>> = {},
    options?: { cause?: unknown },
  ) {
    super(key, options);
  }

  /** The reply's body in the asker's language (the router calls this once). */
  render(t: Translate): string {
    return t(this.key, { ...this.params });
  }
}

/**
 * A failure that is a bug (logged as an error) but is answered with a message of its own rather than the
 * general apology: `replyKey` names it (a store write that did not reach the file: "Not saved").
 */
export class Failure extends Error {
  override readonly name: string = 'Failure';
  /** The message key of the answer; the general apology unless a subclass says more. */
  readonly replyKey: MessageKey = 'common.apology';
}
