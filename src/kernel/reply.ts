/**
 * The platform-neutral reply a handler returns. Adapters render it and enforce their own limits;
 * a handler never calls a platform API.
 */

/** How a button looks; adapters map it to what their platform offers. */
export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

/** A button that routes back to a command's button handler through its action id. */
export interface ActionButton {
  label: string;
  /** `<command>:<verb>:<args>`, see `action.ts`. */
  action: string;
  style?: ButtonStyle;
  /**
   * The press answers only the person who pressed, even in a group or channel: an ephemeral reply on
   * Discord; on Telegram a link that opens a private chat with the bot (`/start <payload>`, see deeplink.ts).
   */
  private?: boolean;
  /**
   * A toggle (a key point to tick): whether it is on now. Pressing it answers the same message with the
   * toggle flipped; the terminal takes several toggles of one message in a line (`1 3 4`).
   */
  checked?: boolean;
}

/** A button that opens a URL. */
export interface LinkButton {
  label: string;
  url: string;
}

export type Button = ActionButton | LinkButton;

/** A numbered reference link shown under the body. */
export interface ReplyLink {
  title: string;
  url: string;
}

/** A file sent with a reply (an export). Adapters refuse one over their platform's upload limit. */
export interface ReplyFile {
  /** The file name shown to the person, e.g. `dlkb-anki.txt`. */
  name: string;
  /** Its media type, e.g. `text/plain; charset=utf-8`. */
  mime: string;
  /** The whole content, sent UTF-8 encoded. */
  content: string;
}

/** The size of a file as sent, in bytes. */
export function fileBytes(file: ReplyFile): number {
  return Buffer.byteLength(file.content, 'utf8');
}

/**
 * A multiple-choice question a platform can show natively (a Telegram quiz poll). Platforms without one
 * render the reply's own body and buttons, which ask the same question.
 */
export interface ReplyChoice {
  /** The question, plain text. */
  question: string;
  /** The options in the order shown, plain text. */
  options: string[];
  /** The index in `options` of the right one. */
  correct: number;
  /** Why, plain text, shown once a person answered. */
  explanation: string;
  /** The action id an answer of each option is routed to (the same as its button's), in `options` order. */
  answers: string[];
  /** Buttons shown with the native question (a link to the full answer). */
  buttons?: Button[][];
  /** Seconds the question stays open, where the platform closes it itself (Telegram's `open_period`). */
  openSeconds?: number;
}

/**
 * A request for a text that completes a command, run as if the person had typed it: `/report nms <text>`
 * is `{ command: 'report', options: { id: 'nms' }, option: 'text' }`. A platform with a form for it
 * (Discord: a modal) shows one; elsewhere the reply's body says what to send.
 */
export interface TextRequest {
  /** The form's title, plain text. */
  title: string;
  /** The text field's label, plain text. */
  label: string;
  maxLength: number;
  command: string;
  /** The command's other options, fixed. */
  options: Readonly<Record<string, string>>;
  /** The option that receives the text. */
  option: string;
}

/** What a command answers. */
export interface Reply {
  /** A short heading, plain text. */
  title?: string;
  /** The body, in the Markdown subset of `markdown.ts`. */
  body?: string;
  /** Reference links, rendered numbered under the body. */
  links?: ReplyLink[];
  /** Rows of buttons. */
  buttons?: Button[][];
  /** Shown only to the person who asked, where the platform can (Discord ephemeral). */
  private?: boolean;
  /** A category id, for platforms that colour messages. */
  accent?: string;
  /** A small line under everything, plain text. */
  footer?: string;
  /** For a button press: replace the message the button is on instead of sending a new one. */
  edit?: boolean;
  /**
   * For a `private` reply: an action id that produces it again. A platform that cannot show a reply to
   * one person where it was asked (a Telegram group) shows a button that opens it in a private chat.
   */
  reopen?: string;
  /**
   * For a button press answered to the presser: the message the button is on, redrawn (a question with
   * its new count of answers). A platform that can edit that message does so, at most once every few
   * seconds per message (the latest redraw wins); the others ignore it.
   */
  refresh?: Reply;
  /**
   * For a `refresh` (or an outbox `edit`): the message's last redraw (a closed question); a platform that
   * paces redraws drops any later one of that message.
   */
  final?: boolean;
  /** The same question for a platform that asks it natively (see `ReplyChoice`). */
  choice?: ReplyChoice;
  /** For a button press: ask for a text where the platform can (see `TextRequest`). */
  ask?: TextRequest;
  /** Files sent with the reply (Discord attachments, Telegram documents, files on disk in the terminal). */
  files?: ReplyFile[];
}

/** True for a button that carries an action id. */
export function isActionButton(button: Button): button is ActionButton {
  return 'action' in button;
}

/** Every button of a reply, row by row. */
export function allButtons(reply: Reply): Button[] {
  return reply.buttons?.flat() ?? [];
}
