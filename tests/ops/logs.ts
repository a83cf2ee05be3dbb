/** A logger that writes JSON lines into memory, for asserting on what was logged. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/kernel/log.ts';

/** A JSON logger at `level` and the lines it wrote so far. */
export function memoryLogger(level = 'debug'): { log: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ level, pretty: false, destination });
  return { log, lines: () => chunks.join('').split('\n').filter(Boolean) };
}
