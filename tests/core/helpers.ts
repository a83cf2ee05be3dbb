/** Shared helpers of the core tests: a seeded random source, origins, and a logger whose lines we read. */
export { seeded } from '../support/random.ts';

import { Writable } from 'node:stream';
import type { Locale } from '../../src/kernel/i18n.ts';
import { createLogger, type Logger } from '../../src/kernel/log.ts';
import type { Origin } from '../../src/kernel/router.ts';

/** An origin in a group chat of the terminal platform; `admin` false unless asked. */
export function origin(o: { admin?: boolean; locale?: Locale; chat?: string; user?: string } = {}): Origin {
  return {
    platform: 'terminal',
    chat: { id: o.chat ?? 'test-chat', kind: 'group' },
    user: { id: o.user ?? 'test-user', admin: o.admin ?? false },
    locale: o.locale ?? 'zh-CN',
  };
}

/** A JSON logger writing into memory, and the parsed lines it wrote. */
export function capturedLogger(): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  const log = createLogger({ level: 'info', pretty: false, destination });
  const lines = () =>
    text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, lines };
}
