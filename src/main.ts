/**
 * `npm start`: reads the configuration, then runs each platform whose token is set (Discord, Telegram)
 * as a service with health, metrics and the daily scheduler; with no token, the terminal chat on
 * stdin/stdout. Logs go to stderr. SIGTERM/SIGINT stop it cleanly (see src/ops/lifecycle.ts).
 */
import { type Config, ConfigError, EX_CONFIG, loadConfig } from './config.ts';
import { KnowledgeError } from './features/knowledge/errors.ts';
import { addSecret, createLogger } from './kernel/log.ts';
import { Lifecycle } from './ops/lifecycle.ts';
import { StartupError } from './ops/startup-error.ts';
import { runTerminal } from './ops/terminal.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`dlkb: configuration error: ${error.message}\n`);
  process.exit(EX_CONFIG);
}
addSecret(config.discord?.token);
addSecret(config.telegram?.token);
addSecret(config.telegram?.webhook?.secret);

const service = config.discord !== undefined || config.telegram !== undefined;
const log = createLogger({ level: config.logLevel ?? (service ? 'info' : 'warn') });
const lifecycle = new Lifecycle({ log });
lifecycle.install();

try {
  if (service) {
    // Loaded only as a service: discord.js, grammY and the metrics would double the terminal's start-up.
    const { runService } = await import('./ops/service.ts');
    await runService(config, { log, lifecycle });
  } else {
    await runTerminal(config, { log, lifecycle });
    await lifecycle.stop('end of input');
  }
} catch (error) {
  if (error instanceof KnowledgeError || error instanceof StartupError) {
    process.stderr.write(`dlkb: ${error.message}\n`);
    await lifecycle.shutdown('startup failed');
    process.exit(error instanceof StartupError ? error.exitCode : 1);
  }
  throw error;
}
