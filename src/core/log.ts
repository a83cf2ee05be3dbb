/**
 * Logging: structured JSON lines by pino, readable when the output is a terminal, and every secret
 * (bot tokens) replaced by `[redacted]` in the final text, wherever it appears: error messages and
 * request URLs carry the Telegram token.
 */
import { type Logger as PinoLogger, pino } from 'pino';

export type Logger = PinoLogger;

const secrets = new Set<string>();

/** Registers a secret to redact from every log line (and from `redact()`). Short values are ignored. */
export function addSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

/** Replaces every registered secret in a text. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

export interface LogOptions {
  level?: string;
  /** Human-readable output (pino-pretty); default: when stderr is a TTY. */
  pretty?: boolean;
  /** Where to write; default stderr. */
  destination?: NodeJS.WritableStream;
}

/** Creates the process logger. Logs go to stderr so stdout stays for the terminal chat and CLI output. */
export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? 'info';
  const pretty = options.pretty ?? (process.stderr.isTTY === true && options.destination === undefined);
  const hooks = { streamWrite: redact };
  if (pretty) {
    return pino({
      level,
      hooks,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level, hooks }, (options.destination ?? pino.destination(2)) as pino.DestinationStream);
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
