/**
 * The gateway guard: every INTERACTION_CREATE payload is checked before discord.js builds an interaction
 * from it. discord.js trusts the payload (`new PermissionsBitField(data.app_permissions)`, `data.member.user`,
 * `data.data.options.map`, `new Message(client, data.message)`…) and a malformed one throws inside its
 * gateway handler, where nothing can catch it and the process ends. A payload without the fields
 * discord.js reads, or with fields of the wrong kind, is logged and dropped; the bot keeps serving.
 */
import { type Client, Events } from 'discord.js';
import { z } from 'zod';
import { type Logger, redact } from '../../kernel/log.ts';

const snowflake = z.string().regex(/^\d{1,20}$/);
/** A permission bitfield as Discord sends it: a decimal string. */
const bitfield = z.string().regex(/^\d{1,40}$/);

const user = z.looseObject({ id: snowflake, username: z.string() });

const member = z.looseObject({
  user,
  permissions: bitfield.optional(),
  roles: z.array(snowflake).optional(),
});

interface CommandOption {
  name: string;
  type: number;
  options?: CommandOption[] | undefined;
}

const option: z.ZodType<CommandOption> = z.looseObject({
  name: z.string(),
  type: z.int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
  get options() {
    return z.array(option).optional();
  },
});

const command = z.looseObject({
  name: z.string(),
  type: z.int(),
  options: z.array(option).optional(),
  resolved: z.looseObject({}).optional(),
});

const message = z.looseObject({
  id: snowflake,
  channel_id: snowflake,
  author: user.optional(),
  embeds: z.array(z.looseObject({})).optional(),
  components: z.array(z.looseObject({})).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  mentions: z.array(z.looseObject({})).optional(),
  flags: z.int().optional(),
});

const base = z
  .looseObject({
    id: snowflake,
    application_id: snowflake,
    token: z.string().min(1),
    type: z.int(),
    guild_id: snowflake.optional(),
    channel: z.looseObject({ id: snowflake, type: z.int() }).optional(),
    channel_id: snowflake.optional(),
    user: user.optional(),
    member: member.optional(),
    app_permissions: bitfield.optional(),
    locale: z.string().optional(),
    entitlements: z.array(z.looseObject({ id: snowflake })),
    authorizing_integration_owners: z.looseObject({}),
    context: z.int().nullable().optional(),
  })
  .refine((d) => d.user !== undefined || d.member !== undefined, {
    message: 'neither user nor member.user',
    path: ['user'],
  });

/** What each interaction type adds: a command (2) or autocomplete (4), a component (3), a modal (5). */
const BY_TYPE: ReadonlyMap<number, z.ZodType> = new Map<number, z.ZodType>([
  [2, z.looseObject({ data: command })],
  [4, z.looseObject({ data: command })],
  [3, z.looseObject({ data: z.looseObject({ custom_id: z.string(), component_type: z.int() }), message })],
  [
    5,
    z.looseObject({ data: z.looseObject({ custom_id: z.string(), components: z.array(z.looseObject({})) }) }),
  ],
]);

function describe(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'malformed';
  const where = first.path.length > 0 ? first.path.map(String).join('.') : '(payload)';
  return `${where}: ${first.message}`;
}

/**
 * Why a payload cannot become an interaction (the first problem and its path, never a value of the
 * payload: it holds the interaction token), or null when it is well-formed.
 */
export function interactionProblem(payload: unknown): string | null {
  const common = base.safeParse(payload);
  if (!common.success) return redact(describe(common.error));
  const specific = BY_TYPE.get(common.data.type)?.safeParse(payload);
  if (specific && !specific.success) return redact(`${describe(specific.error)} (type ${common.data.type})`);
  return null;
}

/** The event name a dropped packet gets: discord.js has no handler for it, so it builds nothing. */
export const DROPPED_EVENT = 'DLKB_MALFORMED_INTERACTION_CREATE';

/**
 * Listens to the client's raw gateway packets, which discord.js emits before handling them, and turns a
 * malformed INTERACTION_CREATE into a packet discord.js ignores (its event name changed), logging it.
 */
export function guardInteractions(client: Client, log: Logger): void {
  client.on(Events.Raw, (packet: unknown) => {
    if (typeof packet !== 'object' || packet === null || !('t' in packet) || !('d' in packet)) return;
    if (packet.t !== 'INTERACTION_CREATE') return;
    const problem = interactionProblem(packet.d);
    if (problem === null) return;
    packet.t = DROPPED_EVENT;
    const d = packet.d;
    const id = typeof d === 'object' && d !== null && 'id' in d && typeof d.id === 'string' ? d.id : null;
    log.warn({ interaction: id?.slice(0, 20) ?? null, problem }, 'discord: malformed interaction dropped');
  });
}
