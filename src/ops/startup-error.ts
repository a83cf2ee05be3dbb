/** A startup failure: a one-line message for the admin and the exit code to leave with. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  constructor(
    message: string,
    /** 78 (EX_CONFIG) when a restart will not fix it (a rejected token, an unusable folder), else 1. */
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
