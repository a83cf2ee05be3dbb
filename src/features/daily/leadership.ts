/**
 * Whether this process runs the scheduled fan-out now: it does while it holds the lease (`kernel/lease.ts`;
 * always, alone on SQLite). Taking the lease, it first recovers what the previous holder left: sends it
 * had begun become `unknown`, never sent again.
 */
import type { Lease } from '../../kernel/lease.ts';

/** The scheduler's view of its lease. */
export class Leadership {
  readonly #lease: Lease;
  readonly #onTaken: () => Promise<void>;
  #leading = false;
  #checking: Promise<boolean> | undefined;

  /** `onTaken` runs each time the lease is taken (at start, and after another replica lost it). */
  constructor(lease: Lease, onTaken: () => Promise<void>) {
    this.#lease = lease;
    this.#onTaken = onTaken;
  }

  /** True while this process held the lease at its last check. */
  get leading(): boolean {
    return this.#leading;
  }

  /**
   * Asks the lease; when newly taken, recovers first. True when this process may send now. Checks
   * asked while one runs share it (the recovery runs once).
   */
  check(): Promise<boolean> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #check(): Promise<boolean> {
    if (!(await this.#lease.held())) {
      this.#leading = false;
      return false;
    }
    if (!this.#leading) {
      await this.#onTaken();
      this.#leading = true;
    }
    return true;
  }

  /** Gives the lease up. */
  async release(): Promise<void> {
    this.#leading = false;
    await this.#lease.release();
  }
}
