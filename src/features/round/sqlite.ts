/** The rounds part over SQLite: table `rounds`, one row per running round (see `part.ts`). */
import type { Database } from 'better-sqlite3';
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import { claimed, type RoundRecord, type RoundStore } from './store.ts';

function parse(row: { data: string } | undefined): RoundRecord | undefined {
  return row ? (JSON.parse(row.data) as RoundRecord) : undefined;
}

/** RoundStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteRounds implements RoundStore {
  readonly #db: Database;
  readonly #write: WriteGuard;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
  }

  async start(round: RoundRecord): Promise<boolean> {
    return this.#write(
      () =>
        this.#db
          .prepare('INSERT OR IGNORE INTO rounds (chat_key, next_at, data) VALUES (?, ?, ?)')
          .run(round.chatKey, round.nextAt, JSON.stringify(round)).changes === 1,
    );
  }

  async get(chatKey: ChatKey): Promise<RoundRecord | undefined> {
    return this.#read(chatKey);
  }

  #read(chatKey: ChatKey): RoundRecord | undefined {
    return parse(
      this.#db.prepare<[string], { data: string }>('SELECT data FROM rounds WHERE chat_key = ?').get(chatKey),
    );
  }

  async due(now: number): Promise<RoundRecord[]> {
    return this.#db
      .prepare<[number], { data: string }>('SELECT data FROM rounds WHERE next_at <= ? ORDER BY next_at')
      .all(now)
      .flatMap((row) => parse(row) ?? []);
  }

  async claim(chatKey: ChatKey, index: number, sentAt: number, nextAt: number): Promise<boolean> {
    return this.#write(() =>
      this.#db.transaction(() => {
        const round = this.#read(chatKey);
        const next = round && claimed(round, index, sentAt, nextAt);
        if (!next) return false;
        this.#db
          .prepare('UPDATE rounds SET next_at = ?, data = ? WHERE chat_key = ?')
          .run(next.nextAt, JSON.stringify(next), chatKey);
        return true;
      })(),
    );
  }

  async end(chatKey: ChatKey): Promise<RoundRecord | undefined> {
    return this.#write(() =>
      parse(
        this.#db
          .prepare<[string], { data: string }>('DELETE FROM rounds WHERE chat_key = ? RETURNING data')
          .get(chatKey),
      ),
    );
  }

  /** A round keeps its chat’s state; its answers are in the answers part: linking moves nothing here. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const round = this.#read(from);
    if (!round) return;
    const moved = { ...round, chatKey: to, chatId: to.slice(to.indexOf(':') + 1) };
    this.#write(() => {
      this.#db.prepare('DELETE FROM rounds WHERE chat_key IN (?, ?)').run(from, to);
      this.#db
        .prepare('INSERT INTO rounds (chat_key, next_at, data) VALUES (?, ?, ?)')
        .run(to, moved.nextAt, JSON.stringify(moved));
    });
  }
}
