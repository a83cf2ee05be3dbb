/**
 * Drives the terminal chat (`runChat`) with scripted lines on in-memory streams. In interactive mode the
 * prompt `dlkb> ` separates the answers, so a test can read the answer to each line in order.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { type ChatOptions, runChat } from '../../src/adapters/terminal/chat.ts';
import { Router } from '../../src/app/router.ts';
import { type AppOptions, createRouter } from '../../src/app/services.ts';
import type { Entry } from '../../src/features/knowledge/schema.ts';
import { referenceLink } from '../../src/features/knowledge/views.ts';
import { defineCommand } from '../../src/kernel/command.ts';
import { type Locale, message } from '../../src/kernel/i18n.ts';

const ESC = String.fromCharCode(27);

/** An ANSI SGR sequence (the chat's own styles). */
export const SGR = new RegExp(`${ESC}\\[[0-9;]*m`);

/** Control characters other than line feed and tab: none may reach the output. */
export const CONTROL = /(?![\n\t])\p{Cc}/u;

/** The text without its ANSI styles. */
export function unstyle(text: string): string {
  return text.replace(new RegExp(SGR.source, 'g'), '');
}

/** Options of a scripted chat. */
export interface Script {
  locale?: Locale;
  /** Passed to runChat; undefined lets it decide from the output's `isTTY`. */
  interactive?: boolean;
  /** Marks the output stream a TTY (`isTTY = true`). */
  tty?: boolean;
  /** Where the chat writes files (an export): a new temporary folder unless given. */
  filesDir?: string;
  /** The person's id (the data folder's local identity); the OS user name unless given. */
  userId?: string;
}

/** Runs the chat over the lines (then end of input) and returns everything it wrote. */
export async function chatOutput(router: Router, lines: string[], script: Script = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  if (script.tty) Object.assign(output, { isTTY: true });
  let out = '';
  output.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const options: ChatOptions = {
    input,
    output,
    locale: script.locale ?? 'zh-CN',
    filesDir: script.filesDir ?? mkdtempSync(join(tmpdir(), 'dlkb-chat-')),
  };
  if (script.interactive !== undefined) options.interactive = script.interactive;
  if (script.userId !== undefined) options.userId = script.userId;
  const done = runChat(router, options);
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return out;
}

/**
 * Runs the chat interactively and returns the answer to each line, without ANSI styles:
 * `answers[i]` is what line `i` printed (empty when nothing).
 */
export async function answers(router: Router, lines: string[], locale: Locale = 'zh-CN'): Promise<string[]> {
  const out = unstyle(await chatOutput(router, lines, { locale, interactive: true }));
  const segments = out.split('dlkb> ');
  // segments[0] is the banner; after the last line comes one more prompt (or none after /exit).
  return segments.slice(1, lines.length + 1).map((s) => s.trim());
}

/**
 * A test-only command that shows one button carrying the given action id, so any action (the daily
 * post's private answer button, a forged id) can be pressed by typing `1` in the chat.
 */
export const pressCommand = defineCommand({
  name: 'press',
  description: { 'zh-CN': '显示一个按钮（测试用）', en: 'Show one button (test)' },
  options: {
    action: { type: 'string', required: true, description: { 'zh-CN': '动作 id', en: 'Action id' } },
  },
  run: (_ctx, { action }) => ({ body: 'press 1', buttons: [[{ label: 'the button', action }]] }),
});

/** The real commands plus /press, over freshly loaded knowledge. */
export async function chatRouter(options: AppOptions = {}): Promise<Router> {
  const base = await createRouter(options);
  return new Router([...base.commands, pressCommand], base.services);
}

/** The id in a card's `/show <id>` line. */
export const shownId = (text: string) => /\/show ([a-z0-9-]+)/.exec(text)?.[1] ?? '';

/** The numbered reference links of an entry as the terminal prints them. */
export const referencesOf = (e: Entry) =>
  e.references.map((r, i) => `  ${i + 1}. ${referenceLink(r).title}\n     ${r.url}`).join('\n');

/** An answer lists the entry's references under the label, or has no such section when it has none. */
export function expectReferences(
  answer: string | undefined,
  e: Entry,
  label: string = message('zh-CN', 'common.references'),
): void {
  if (e.references.length === 0) expect(answer).not.toContain(label);
  else expect(answer).toContain(`${label}\n${referencesOf(e)}`);
}
