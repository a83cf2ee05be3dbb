/**
 * One transaction at a time over a single connection (SQLite, the memory store). A transaction's
 * function is asynchronous, so other work runs while it awaits; without this, that work's statements
 * would land inside the open transaction (and be rolled back with it). `transaction` runs one at a time,
 * and `idle` makes a statement from outside wait until the open one ends. Which code is inside is known
 * by an AsyncLocalStorage, so a transaction begun inside another joins it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The gate of one connection. */
export class Exclusive {
  readonly #inside = new AsyncLocalStorage<true>();
  /** Settles when the open transaction (and those queued before it) ended. */
  #tail: Promise<unknown> = Promise.resolve();
  /** Transactions open or queued. */
  #pending = 0;

  /** True inside a transaction's function (its awaits included). */
  get inTransaction(): boolean {
    return this.#inside.getStore() === true;
  }

  /**
   * Resolves at once when no transaction is open or the caller is inside it; otherwise when the open
   * and queued ones have ended. A statement awaits this before it runs.
   */
  idle(): Promise<void> | undefined {
    if (this.#pending === 0 || this.inTransaction) return undefined;
    return this.#tail.then(() => this.idle());
  }

  /**
   * Runs `body` alone: after the transactions before it, with statements from outside held back until it
   * ends. `body` begins and commits (or rolls back) the transaction itself; inside another, it is
   * called at once (joined).
   */
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return body();
    this.#pending += 1;
    const before = this.#tail;
    let done: () => void = () => {};
    this.#tail = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await before;
      return await this.#inside.run(true, body);
    } finally {
      this.#pending -= 1;
      done();
    }
  }
}
