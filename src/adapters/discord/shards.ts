/**
 * Gateway sharding: which of the bot's shards this process runs (discord.js `shards` and `shardCount`),
 * and what it reports about them. Discord sends a guild's events only on the shard that owns the guild,
 * `(guild_id >> 22) % shard_count`, and DMs on shard 0, so each replica answers the interactions of its
 * shards and no other.
 */
import { type Client, Status } from 'discord.js';

/** The shards of one process: `ids` of `count` in all, or `auto` (every shard Discord recommends). */
export type ShardPlan = { ids: number[]; count: number } | 'auto';

/** The discord.js client options for a plan; none (one connection, shard [0, 1]) without one. */
export function shardOptions(
  plan: ShardPlan | undefined,
): { shards: number[] | 'auto'; shardCount?: number } | Record<string, never> {
  if (plan === undefined) return {};
  // 'auto' asks GET /gateway/bot for the recommended count and runs every shard here.
  if (plan === 'auto') return { shards: 'auto' };
  return { shards: [...plan.ids], shardCount: plan.count };
}

/** What /healthz shows of the Discord gateway: the shards this process runs, of how many, and their state. */
export interface ShardReport {
  /** The shard ids this process runs, ascending. */
  shards: number[];
  /** The bot's total number of shards (across every replica). */
  count: number;
  /** Each shard's gateway state by id: `ready`, `connecting`, `resuming`, `disconnected`… */
  shardStatus: Record<string, string>;
}

/** A discord.js shard status as a word: `Status.WaitingForGuilds` → `waitingForGuilds`. */
export function statusName(status: number): string {
  const name = (Status as unknown as Record<number, string | undefined>)[status];
  return name ? name.charAt(0).toLowerCase() + name.slice(1) : `unknown (${status})`;
}

/** The shards the client runs (known once it logged in: with `auto`, after /gateway/bot answered). */
export function shardReport(client: Client): ShardReport {
  const shards = [...client.ws.shards.keys()].sort((a, b) => a - b);
  const shardStatus: Record<string, string> = {};
  for (const id of shards) shardStatus[id] = statusName(client.ws.shards.get(id)?.status ?? Status.Idle);
  return { shards, count: client.options.shardCount ?? 1, shardStatus };
}

/** Why the gateway is not healthy, naming the shards that are not ready; null when every one is. */
export function shardProblem(client: Client): string | null {
  const report = shardReport(client);
  if (report.shards.length === 0) return 'not connected';
  const down = report.shards.filter((id) => report.shardStatus[id] !== 'ready');
  if (down.length === 0) return client.isReady() ? null : 'not connected';
  return `shard ${down.map((id) => `${id} ${report.shardStatus[id]}`).join(', ')} of ${report.count} not ready`;
}
