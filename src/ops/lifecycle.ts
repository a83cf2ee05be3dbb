/**
 * Shutdown orchestration. Whatever starts registers how to undo itself (`defer`); on SIGTERM/SIGINT the
 * steps run in reverse order (last started, first stopped: the daily scheduler, then the adapters, then the
 * health server, then the database) within one deadline, and the process exits 0. A second signal exits
 * at once. An uncaught exception, or an unhandled rejection that `isFatal` calls fatal, is logged, the
 * synchronous steps marked `onCrash` (closing the database) run, and the process exits 1 so the
 * supervisor restarts it. Any other unhandled rejection is logged, reported to `onRecovered` listeners
 * (the metrics) and survived.
 */

import type { Logger } from '../kernel/log.ts';
import { within } from '../kernel/wait.ts';
import { isFatal } from './fatal.ts';

/** The default bound of a graceful shutdown: in-flight replies get this long to finish. */
export const GRACE_MS = 10_000;

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

interface Step {
  name: string;
  run: () => unknown;
  onCrash: boolean;
  started: boolean;
}

/** The part of `process` the lifecycle listens to (an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/** A listener of any arguments (method syntax keeps parameters bivariant, as EventEmitter's are). */
type Listener = { listener(...args: unknown[]): void }['listener'];

/** How the lifecycle logs, how long it waits, and how it exits (injected by tests). */
export interface LifecycleOptions {
  log: Logger;
  /** Bound of the whole graceful shutdown, in milliseconds. */
  graceMs?: number;
  exit?: (code: number) => void;
}

/** The process lifecycle: registered shutdown steps, signal and crash handling. */
export class Lifecycle {
  readonly #steps: Step[] = [];
  readonly #log: Logger;
  readonly #graceMs: number;
  readonly #exit: (code: number) => void;
  #shutdown: Promise<number> | undefined;
  readonly #recovered: ((error: unknown) => void)[] = [];

  constructor(options: LifecycleOptions) {
    this.#log = options.log;
    this.#graceMs = options.graceMs ?? GRACE_MS;
    this.#exit = options.exit ?? ((code) => process.exit(code));
  }

  /** True once shutdown began. */
  get stopping(): boolean {
    return this.#shutdown !== undefined;
  }

  /**
   * Registers a shutdown step; steps run in reverse order of registration. `onCrash`: the step is
   * synchronous and safe to run after a crash too (closing the database).
   */
  defer(name: string, run: () => unknown, options: { onCrash?: boolean } = {}): void {
    this.#steps.push({ name, run, onCrash: options.onCrash === true, started: false });
  }

  /**
   * Runs every step once, newest first, within the grace period; a step still running at the deadline is
   * abandoned (logged) and the next one runs. Resolves to the exit code: 0, or 1 when a step threw.
   */
  shutdown(reason: string): Promise<number> {
    this.#shutdown ??= this.#run(reason);
    return this.#shutdown;
  }

  /** Shuts down gracefully, then exits with the resulting code. */
  async stop(reason: string): Promise<void> {
    this.#exit(await this.shutdown(reason));
  }

  /** Installs the signal and crash handlers on a process; returns a function that removes them. */
  install(proc: ProcessEvents = process): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.stopping) {
        this.#log.warn({ signal }, 'second signal: exiting now');
        this.#exit(128 + (SIGNALS[signal as keyof typeof SIGNALS] ?? 1));
        return;
      }
      this.#log.info({ signal }, 'shutting down');
      void this.stop(signal);
    };
    const onCrash = (error: unknown, origin: string) => this.crash(error, origin);
    const onRejection = (error: unknown) => {
      if (isFatal(error)) this.crash(error, 'unhandledRejection');
      else this.#recover(error);
    };
    proc.on('SIGTERM', onSignal);
    proc.on('SIGINT', onSignal);
    proc.on('uncaughtException', onCrash);
    proc.on('unhandledRejection', onRejection);
    return () => {
      proc.off('SIGTERM', onSignal);
      proc.off('SIGINT', onSignal);
      proc.off('uncaughtException', onCrash);
      proc.off('unhandledRejection', onRejection);
    };
  }

  /** Registers a listener of the unhandled rejections that were survived (to count them). */
  onRecovered(listener: (error: unknown) => void): void {
    this.#recovered.push(listener);
  }

  #recover(error: unknown): void {
    this.#log.error({ err: error }, 'unhandled rejection (not fatal): logged and survived');
    for (const listener of this.#recovered) {
      try {
        listener(error);
      } catch (listenerError) {
        this.#log.warn({ err: listenerError }, 'unhandled rejection listener failed');
      }
    }
  }

  /** Logs a crash, runs the `onCrash` steps (newest first), and exits 1. */
  crash(error: unknown, origin: string): void {
    this.#log.fatal({ err: error, origin }, 'crashed; exiting so the supervisor restarts the bot');
    for (const step of [...this.#steps].reverse()) {
      if (!step.onCrash || step.started) continue;
      step.started = true;
      try {
        step.run();
      } catch (stepError) {
        this.#log.error({ err: stepError, step: step.name }, 'shutdown step failed');
      }
    }
    this.#exit(1);
  }

  async #run(reason: string): Promise<number> {
    const deadline = Date.now() + this.#graceMs;
    let code = 0;
    for (const step of [...this.#steps].reverse()) {
      if (step.started) continue;
      step.started = true;
      try {
        const finished = await settledWithin(step.run(), deadline - Date.now());
        if (!finished) this.#log.warn({ step: step.name, graceMs: this.#graceMs }, 'shutdown step timed out');
        else this.#log.debug({ step: step.name }, 'stopped');
      } catch (error) {
        code = 1;
        this.#log.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    this.#log.info({ reason, code }, 'stopped');
    return code;
  }
}

/** Waits for a value or promise at most `ms`; resolves true when it settled in time (rejects if it did). */
function settledWithin(value: unknown, ms: number): Promise<boolean> {
  return value instanceof Promise ? within(value, ms) : Promise.resolve(true);
}
