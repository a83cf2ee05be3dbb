import { parseArgs } from 'node:util';
import { ConfigError, EX_CONFIG, loadConfig } from '../config.ts';
import { reportLines } from '../features/reports/forward.ts';
import { type OpenedReports, openReports } from '../ops/reports.ts';
import { StoreError } from '../store/store.ts';
import { type CliCommand, UsageError } from './usage.ts';

/** What `dlkb reports` needs from its surroundings (injected by tests). */
export interface ReportsCliDeps {
  /**
   * The configured reports store (PostgreSQL with `DATABASE_URL`, else the data folder's file);
   * `create: false`: null when there is no reports file yet.
   * @throws ConfigError for a bad configuration; StoreError when the database cannot be used
   */
  open(options: { create: boolean }): Promise<OpenedReports | null>;
  /** Prints a line on stdout. */
  out(line: string): void;
  /** Prints a line on stderr. */
  err(line: string): void;
  now(): number;
}

const USAGE =
  'reports [--open] [--entry ID]  reports of mistakes in answers; reports close N [--note "…"] closes one';

async function list(deps: ReportsCliDeps, values: { open?: boolean; entry?: string }): Promise<number> {
  const opened = await deps.open({ create: false });
  if (!opened) {
    deps.out('no reports (no database yet)');
    return 0;
  }
  try {
    const reports = await opened.store.list({
      ...(values.open ? { open: true } : {}),
      ...(values.entry !== undefined ? { entryId: values.entry.trim().toLowerCase() } : {}),
    });
    if (reports.length === 0) deps.out(values.open ? 'no open reports' : 'no reports');
    for (const r of reports) for (const line of reportLines(r)) deps.out(line);
    return 0;
  } finally {
    await opened.close();
  }
}

async function close(deps: ReportsCliDeps, number: string | undefined, note: string): Promise<number> {
  if (number === undefined || !/^\d{1,15}$/.test(number) || Number(number) === 0)
    throw new UsageError(
      `close needs a report number, e.g. reports close 3 --note "fixed" (got ${number ?? 'nothing'})`,
    );
  const opened = await deps.open({ create: false });
  try {
    const closed = await opened?.store.close(Number(number), note.trim(), deps.now());
    if (!closed) {
      deps.err(`dlkb reports: there is no report #${number}`);
      return 1;
    }
    for (const line of reportLines(closed)) deps.out(line);
    return 0;
  } finally {
    await opened?.close();
  }
}

/** `dlkb reports …` over `deps`. */
export function reportsCommand(deps: ReportsCliDeps): CliCommand {
  return {
    usage: USAGE,
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        options: { open: { type: 'boolean' }, entry: { type: 'string' }, note: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      const [verb, number, ...extra] = positionals;
      try {
        if (verb === undefined) {
          if (values.note !== undefined) throw new UsageError('--note goes with: reports close N --note "…"');
          return await list(deps, values);
        }
        if (verb !== 'close' || extra.length > 0)
          throw new UsageError(`unexpected "${positionals.join(' ')}"`);
        if (values.open || values.entry !== undefined)
          throw new UsageError('--open and --entry go with the listing, not with close');
        return await close(deps, number, values.note ?? '');
      } catch (error) {
        if (error instanceof StoreError) {
          // The database cannot be used (the server is down, a newer dlkb wrote it): its message says what to do.
          deps.err(`dlkb reports: ${error.message}`);
          return 1;
        }
        if (!(error instanceof ConfigError)) throw error;
        deps.err(`dlkb reports: ${error.message}`);
        return EX_CONFIG;
      }
    },
  };
}

/** `dlkb reports [--open] [--entry ID]` lists reports; `dlkb reports close N [--note "…"]` closes one. */
export const reportsCli: CliCommand = reportsCommand({
  open: ({ create }) => openReports(loadConfig(), { create }),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  now: () => Date.now(),
});
