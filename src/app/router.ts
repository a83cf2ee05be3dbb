/**
 * The kernel's router wired to the features: dynamic choices come from the knowledge base and entry
 * suggestions from the search index. This is the router the process and the tests build.
 */

import type { Command } from '../kernel/command.ts';
import { Router as KernelRouter, type RouterOptions } from '../kernel/router.ts';
import type { Services } from '../kernel/services.ts';

/** Routes invocations and button presses to the commands, over the features' services. */
export class Router extends KernelRouter {
  constructor(commands: readonly Command[], services: Services, options: RouterOptions = {}) {
    super(commands, services, {
      ...options,
      choices: services.kb,
      suggest: (partial) => services.search.suggest(partial),
    });
  }
}
