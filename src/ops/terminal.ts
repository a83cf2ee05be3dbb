/**
 * The terminal chat as `npm start` runs it with no platform token: the same store and daily scheduler as
 * the service (the daily question prints between replies), on stdin/stdout, until end of input.
 */
import { runChat } from '../adapters/terminal/chat.ts';
import { localIdentity } from '../adapters/terminal/identity.ts';
import { createTerminalOutbox } from '../adapters/terminal/outbox.ts';
import { buildApp } from '../app/build.ts';
import type { Config } from '../config.ts';
import { pickLocale } from '../kernel/i18n.ts';
import type { Logger } from '../kernel/log.ts';
import type { Lifecycle } from './lifecycle.ts';
import { serviceReports } from './reports.ts';
import { openStore } from './store.ts';

/** Chats on the given streams (default stdin/stdout); resolves at end of input or `/exit`. */
export async function runTerminal(
  config: Config,
  o: { log: Logger; lifecycle: Lifecycle; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream },
): Promise<void> {
  const { log, lifecycle } = o;
  const input = o.input ?? process.stdin;
  const output = o.output ?? process.stdout;
  const locale = pickLocale(process.env.LANG);
  // `npm start | head` closes the output early: the chat is over, not crashed.
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') void lifecycle.stop('output closed');
    else lifecycle.crash(error, 'output');
  });
  // The replicas' database is theirs: the terminal's daily posts and reminders would need the fan-out
  // lease they pass between them. The chat keeps its own store.
  if (config.databaseUrl)
    log.info('the terminal chat keeps its own store in DLKB_DATA_DIR, not DATABASE_URL');
  const opened = openStore(config.dataDir, log, { fallbackToMemory: true });
  const store = opened.store;
  lifecycle.defer('close the database', () => store.close(), { onCrash: true });
  const reports = await serviceReports(config, opened, lifecycle);
  const { router, daily, rounds } = await buildApp({ store, reports, log, timezone: config.timezone });
  lifecycle.defer('stop the daily scheduler', () => daily.stop());
  const outbox = createTerminalOutbox({ output, locale });
  lifecycle.defer('stop the group rounds', () => rounds.stop());
  daily.attach(outbox);
  rounds.attach(outbox);
  await daily.start();
  rounds.start();
  await runChat(router, { input, output, locale, userId: localIdentity(config.dataDir) });
}
