/** Runs the `dlkb` CLI in this process, capturing what it prints and its exit code. */
import { Readable, Writable } from 'node:stream';
import { vi } from 'vitest';
import { runCli } from '../../src/cli/dispatch.ts';

/** What one `dlkb` run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `dlkb <args…>` with `input` on stdin: console and stdout captured, nothing reaches the terminal. */
export async function dlkb(args: string[], input = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const line = (args: unknown[]) => `${args.map(String).join(' ')}\n`;
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out += line(a);
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err += line(a);
  });
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  try {
    const code = await runCli(args, { stdin: Readable.from([input]), stdout });
    return { code, out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
