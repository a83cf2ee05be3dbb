/** The rounds part over SQL, SQLite or PostgreSQL: table `rounds`, one row per running round (see `part.ts`). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import { claimed, type RoundRecord, type RoundStore } from './store.ts';

function parse(row: { data: string } | undefined): RoundRecord | undefined {
  return row ? (JSON.parse(row.data) as RoundRecord) : undefined;
}

/**
 * RoundStore over an open database migrated to the part's latest version. A claim reads the round and
 * writes it back in one transaction; on PostgreSQL the read locks the row (`FOR UPDATE`), so of several
 * processes claiming the same question at once exactly one wins (the others read the claimed round).
 */
export class SqlRounds implements RoundStore {
  readonly #db: SqlDatabase;
  /** The read before a write: locks the row on PostgreSQL (SQLite's transactions run one at a time). */
  readonly #readForUpdate: string;

  constructor(db: SqlDatabase) {
    this.#db = db;
    this.#readForUpdate = `SELECT data FROM rounds WHERE chat_key = ?${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`;
  }

  async start(round: RoundRecord): Promise<boolean> {
    const { changes } = await this.#db.run(
      'INSERT INTO rounds (chat_key, next_at, data) VALUES (?, ?, ?) ON CONFLICT (chat_key) DO NOTHING',
      [round.chatKey, round.nextAt, JSON.stringify(round)],
    );
    return changes === 1;
  }

  async get(chatKey: ChatKey): Promise<RoundRecord | undefined> {
    return parse(
      await this.#db.get<{ data: string }>('SELECT data FROM rounds WHERE chat_key = ?', [chatKey]),
    );
  }

  async due(now: number): Promise<RoundRecord[]> {
    const rows = await this.#db.all<{ data: string }>(
      'SELECT data FROM rounds WHERE next_at <= ? ORDER BY next_at',
      [now],
    );
    return rows.flatMap((row) => parse(row) ?? []);
  }

  async claim(chatKey: ChatKey, index: number, sentAt: number, nextAt: number): Promise<boolean> {
    return this.#db.transaction(async () => {
      const round = parse(await this.#db.get<{ data: string }>(this.#readForUpdate, [chatKey]));
      const next = round && claimed(round, index, sentAt, nextAt);
      if (!next) return false;
      await this.#db.run('UPDATE rounds SET next_at = ?, data = ? WHERE chat_key = ?', [
        next.nextAt,
        JSON.stringify(next),
        chatKey,
      ]);
      return true;
    });
  }

  async end(chatKey: ChatKey): Promise<RoundRecord | undefined> {
    return parse(
      await this.#db.get<{ data: string }>('DELETE FROM rounds WHERE chat_key = ? RETURNING data', [chatKey]),
    );
  }

  /** A round keeps its chat’s state; its answers are in the answers part: linking moves nothing here. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      const round = parse(await this.#db.get<{ data: string }>(this.#readForUpdate, [from]));
      if (!round) return;
      const moved = { ...round, chatKey: to, chatId: to.slice(to.indexOf(':') + 1) };
      await this.#db.run('DELETE FROM rounds WHERE chat_key IN (?, ?)', [from, to]);
      await this.#db.run('INSERT INTO rounds (chat_key, next_at, data) VALUES (?, ?, ?)', [
        to,
        moved.nextAt,
        JSON.stringify(moved),
      ]);
    });
  }
}
