/**
 * Renders a platform-neutral reply as a Discord message: one embed (title, description, reference links
 * as fields, footer, a colour per category) and action rows of buttons, within every Discord limit, so
 * Discord never rejects a reply. Too much text is cut with a visible "…" and a pointer to `/show <id>`.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  embedLength,
} from 'discord.js';
import { decodeAction } from '../../kernel/action.ts';
import type { Translate } from '../../kernel/i18n.ts';
import { inlineCode } from '../../kernel/markdown.ts';
import { type Button, isActionButton, type Reply } from '../../kernel/reply.ts';
import { fitFiles } from '../../kernel/reply-files.ts';
import { DISCORD_UPLOAD_LIMIT } from './limits.ts';
import { escapeDiscord, maskedLink, safeUrl, stripControl, toDiscordMarkdown } from './markdown.ts';

/** Discord's limits, counted in UTF-16 code units like discord.js `embedLength` (never less than Discord). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  customId: 100,
  label: 80,
  url: 512,
  buttonsPerRow: 5,
  rows: 5,
} as const;

/** Marks the custom_id of a button declared `private`: its press is answered ephemerally. */
export const PRIVATE_PREFIX = '!';

/** What a reply becomes on Discord (the ephemeral flag is the caller's, it depends on the interaction). */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
  /** Attachments (an export), within Discord's upload limit. */
  files?: { attachment: Buffer; name: string }[];
}

/** What rendering needs besides the reply: texts of the locale, colours, and entry ids. */
export interface RenderOptions {
  t: Translate;
  /** The colour of a category accent. */
  colour: (accent: string | undefined) => number;
  /** True for a knowledge entry id, to point a shortened reply to `/show <id>`. */
  isEntry?: (id: string) => boolean;
}

/** Cuts text to `max` UTF-16 code units, ending with "…" when cut; never splits a surrogate pair. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // A lone backslash left at the end would escape the ellipsis.
  return `${cut.replace(/\\+$/, '')}…`;
}

/**
 * The entry a reply is about, for the "full entry" pointer: the first known entry id among its
 * action buttons' arguments and the words of its footer (cards and answers carry their id there).
 */
export function entryIdOf(reply: Reply, isEntry: (id: string) => boolean): string | undefined {
  const args = (reply.buttons?.flat() ?? []).flatMap((b) =>
    isActionButton(b) ? (decodeAction(b.action)?.args ?? []) : [],
  );
  const words = (reply.footer ?? '').split(/[\s·,;:()]+/);
  const bodyIds = [...(reply.body ?? '').matchAll(/\/show ([a-z0-9-]+)/g)].map((m) => m[1] ?? '');
  return [...bodyIds, ...args, ...words].find((w) => w !== '' && isEntry(w));
}

/**
 * Shortens rendered Discord markdown to `max`, at a line break when one is near, closing an open code
 * block, and ending with "…" and the note.
 */
export function truncateMarkdown(text: string, max: number, note: string): string {
  if (text.length <= max) return text;
  const tail = `…\n\n${note}`;
  const budget = max - tail.length - 5;
  if (budget < 1) return clamp(`…${note}`, max);
  let cut = text.slice(0, budget);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const newline = cut.lastIndexOf('\n');
  if (newline > budget * 0.6) cut = cut.slice(0, newline);
  cut = cut.trimEnd().replace(/\\+$/, '');
  const fences = cut.match(/^```/gm)?.length ?? 0;
  return `${cut}${fences % 2 === 1 ? '\n```\n' : ''}${tail}`;
}

/** A numbered reference line; a link too long for a field shows its title and, when it fits, the bare URL. */
function referenceLine(title: string, url: string, n: number): string {
  const masked = `${n}. ${maskedLink(title, url)}`;
  if (masked.length <= LIMITS.fieldValue) return masked;
  const name = `${n}. ${clamp(escapeDiscord(title), 200)}`;
  const bare = safeUrl(url);
  return name.length + 1 + bare.length <= LIMITS.fieldValue ? `${name} ${bare}` : name;
}

function referenceFields(reply: Reply, t: Translate): APIEmbedField[] {
  const lines = (reply.links ?? []).map((l, i) => referenceLine(l.title, l.url, i + 1));
  const fields: APIEmbedField[] = [];
  let value = '';
  for (const line of lines) {
    if (value && value.length + 1 + line.length > LIMITS.fieldValue) {
      fields.push({ name: fields.length === 0 ? t('common.references') : '\u200b', value });
      value = '';
    }
    value = value ? `${value}\n${line}` : line;
  }
  if (value) fields.push({ name: fields.length === 0 ? t('common.references') : '\u200b', value });
  return fields;
}

/** The one embed of a reply, within every embed limit. */
export function renderEmbed(reply: Reply, options: RenderOptions): APIEmbed {
  const id = options.isEntry ? entryIdOf(reply, options.isEntry) : undefined;
  const note = `*${options.t(id ? 'discord.truncated' : 'discord.truncatedNoId', { command: inlineCode(`/show ${id ?? ''}`) })}*`;
  const embed: APIEmbed = { color: options.colour(reply.accent) };
  if (reply.title) embed.title = clamp(escapeDiscord(reply.title.trim()), LIMITS.title);
  if (reply.footer) embed.footer = { text: clamp(stripControl(reply.footer), LIMITS.footer) };
  const all = referenceFields(reply, options.t);
  let fields = all.slice(0, LIMITS.fields);
  let description = reply.body ? toDiscordMarkdown(reply.body) : '';
  // Over the total: drop reference fields beyond the first, then shorten the description.
  const fixed = () => embedLength({ ...embed, fields });
  const wanted = Math.min(description.length, LIMITS.description);
  while (fields.length > 1 && fixed() + wanted > LIMITS.embedTotal) fields = fields.slice(0, -1);
  const last = fields.at(-1);
  if (last && fields.length < all.length) {
    last.value = `${clamp(last.value, LIMITS.fieldValue - 2)}\n…`;
  }
  const room = Math.min(LIMITS.description, LIMITS.embedTotal - fixed());
  description = truncateMarkdown(description, Math.max(room, 0), note);
  if (description) embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  // Discord rejects an embed with nothing to show.
  if (!embed.title && !embed.description && !embed.fields) embed.description = '…';
  return embed;
}

const STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

function renderButton(button: Button): APIButtonComponent | null {
  const label = clamp(stripControl(button.label).trim() || '·', LIMITS.label);
  if (!isActionButton(button)) {
    if (!/^https?:\/\//.test(button.url) || button.url.length > LIMITS.url) return null;
    return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: button.url };
  }
  const customId = `${button.private ? PRIVATE_PREFIX : ''}${button.action}`;
  if (customId.length > LIMITS.customId) return null;
  const style = STYLES[button.style ?? 'secondary'];
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

/**
 * Action rows of at most 5 buttons, at most 5 rows; a row longer than 5 wraps. Buttons that cannot be
 * sent (over-long custom_id, bad URL, a custom_id already used in the message) are left out.
 */
export function renderRows(rows: Button[][] | undefined): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  const used = new Set<string>();
  for (const row of rows ?? []) {
    const buttons = row.map(renderButton).filter((b): b is APIButtonComponent => {
      if (!b) return false;
      const key = 'custom_id' in b ? b.custom_id : undefined;
      if (key === undefined) return true;
      if (used.has(key)) return false;
      used.add(key);
      return true;
    });
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
      out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  return out.slice(0, LIMITS.rows);
}

/**
 * Renders a reply as a Discord message; mentions never ping. Its files become attachments, or, over
 * Discord's upload limit, a note in the embed saying so (nothing is sent half).
 */
export function renderReply(whole: Reply, options: RenderOptions): DiscordMessage {
  const reply = fitFiles(whole, DISCORD_UPLOAD_LIMIT, options.t);
  const files = (reply.files ?? []).map((f) => ({
    attachment: Buffer.from(f.content, 'utf8'),
    name: f.name,
  }));
  return {
    embeds: [renderEmbed(reply, options)],
    components: renderRows(reply.buttons),
    allowedMentions: { parse: [] },
    ...(files.length > 0 ? { files } : {}),
  };
}
