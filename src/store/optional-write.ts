/**
 * Writes a reply does not depend on, such as a chat's quiz history: when one fails (a full disk), the
 * person still gets their answer; the failure is logged and counted, never shown as an apology.
 */
import type { Services } from '../kernel/context.ts';

/** Runs `write`; on failure logs a warning naming `what`, tells `services.onWriteSkipped`, and goes on. */
export async function optionalWrite(
  services: Services,
  what: string,
  write: () => Promise<unknown> | undefined,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    services.log.warn({ err: error, write: what }, 'store: a non-essential write failed; answered anyway');
    try {
      services.onWriteSkipped?.(what);
    } catch {
      // A counter never breaks a reply.
    }
  }
}
