/** The bounded wait: wait for work to finish, but never longer than a limit (shutdowns, drains). */

/**
 * Resolves true when `work` fulfils within `ms`, false when the time is up first; rejects when `work`
 * rejects in time. The timer is cleared either way; `unref: true` lets the process exit while waiting.
 */
export async function within(
  work: Promise<unknown>,
  ms: number,
  options: { unref?: boolean } = {},
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
    if (options.unref) timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
