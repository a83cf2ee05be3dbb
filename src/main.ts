/**
 * `npm start`: with no platform token, the terminal chat. (Discord and Telegram start when their tokens are set.)
 */

import { runChat } from './adapters/terminal/chat.ts';
import { createRouter } from './app.ts';
import { pickLocale } from './core/i18n.ts';
import { KnowledgeError } from './core/knowledge/errors.ts';
import { createLogger } from './core/log.ts';

const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
try {
  const router = await createRouter({ log });
  await runChat(router, {
    input: process.stdin,
    output: process.stdout,
    locale: pickLocale(process.env.LANG),
  });
} catch (error) {
  if (error instanceof KnowledgeError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
