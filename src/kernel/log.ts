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

/** Longest message and stack kept of a logged error. */
const MESSAGE_CHARS = 1_000;
const STACK_CHARS = 3_000;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * A logged error as a small object: type, message, code, stack and the chain of causes (a grammY
 * BotError's inner `error` counts as its cause), each clipped. Nothing else an error carries is kept:
 * a BotError holds the whole update context (user text, names), which must never reach a log line.
 */
export function errorSummary(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: clip(String(error), MESSAGE_CHARS) };
  const out: Record<string, unknown> = { type: error.name, message: clip(error.message, MESSAGE_CHARS) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (error.stack) out.stack = clip(error.stack, STACK_CHARS);
  const inner = (error as { error?: unknown }).error;
  const cause = error.cause ?? (inner instanceof Error ? inner : undefined);
  if (cause !== undefined && depth < 3) out.cause = errorSummary(cause, depth + 1);
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
  const serializers = { err: (error: unknown) => errorSummary(error) };
  if (pretty) {
    return pino({
      level,
      hooks,
      serializers,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level, hooks, serializers }, (options.destination ?? stderrSink()) as pino.DestinationStream);
}

/** Log output held in memory while stderr does not take it; beyond this, lines are dropped. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * stderr as a log destination that never holds up the process or its exit, whatever the reader does.
 * Lines go to Node's own stream, which writes a pipe without blocking and leaves nothing to flush at
 * exit (pino's default destination retries its flush at exit for ever when the pipe is full, so a stuck
 * log collector made SIGTERM hang). While the reader lags more than MAX_PENDING_BYTES behind, lines are
 * dropped; after a write error (EPIPE: the reader is gone) nothing more is written.
 */
export function stderrSink(stream: NodeJS.WritableStream & { writableLength: number } = process.stderr): {
  write(line: string): void;
} {
  let broken = false;
  stream.on('error', () => {
    broken = true;
  });
  return {
    write(line) {
      if (!broken && stream.writableLength <= MAX_PENDING_BYTES) stream.write(line);
    },
  };
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
