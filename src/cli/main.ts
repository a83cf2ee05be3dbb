#!/usr/bin/env -S npx tsx
/**
 * The `dlkb` command line: `npm run --silent dlkb -- <command> [args]`.
 * Each subcommand lives in its own file; `dispatch.ts` picks one; this file only binds the process.
 */
import { runCli } from './dispatch.ts';

// `dlkb list | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await runCli(process.argv.slice(2));
