/**
 * The right to run the scheduled fan-out (daily posts, reveals, digests, reminders): with several
 * replicas on one database, one of them at a time holds it, so the platforms' send limits are kept as
 * in one process. Every delivery is still claimed in the database before it is sent, so a lease held
 * twice for a moment never sends twice; it only keeps the pace.
 */

/** A lease on the fan-out. */
export interface Lease {
  /**
   * True when this process holds the lease now (taking it when it is free). Asked on every tick; a
   * lease lost with its connection is taken again by whichever replica asks next.
   */
  held(): Promise<boolean>;
  /** Gives the lease up (at stop), so another replica takes it at its next tick. */
  release(): Promise<void>;
}

/** The lease of a process that is alone on its database (SQLite, memory): always held. */
export const SOLE_LEASE: Lease = {
  held: async () => true,
  release: async () => {},
};
